using InProcValkey.CompatibilityTests.Hashes;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Wire;

// The hash cases (issue 4) over raw TCP against redis-server and the listener, RESP2 and RESP3 (HGETALL as a map,
// HRANDFIELD WITHVALUES as pairs).
public sealed class HashCommandsOverResp2(RedisServerFixture s) : HashCommandCompatTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class HashCommandsOverResp3(RedisServerFixture s) : HashCommandCompatTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class HashEncodingsOverResp2(RedisServerFixture s) : HashEncodingCompatTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class HashEncodingsOverResp3(RedisServerFixture s) : HashEncodingCompatTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class HashCountersOverResp2(RedisServerFixture s) : HashCounterCompatTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class HashCountersOverResp3(RedisServerFixture s) : HashCounterCompatTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class HashRandomScanOverResp2(RedisServerFixture s) : HashRandomScanCompatTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class HashRandomScanOverResp3(RedisServerFixture s) : HashRandomScanCompatTests(s) { protected override Transport Transport => Transport.WireResp3; }
