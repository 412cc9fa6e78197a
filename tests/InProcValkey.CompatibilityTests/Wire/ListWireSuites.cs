using InProcValkey.CompatibilityTests.Harness;
using InProcValkey.CompatibilityTests.Lists;

namespace InProcValkey.CompatibilityTests.Wire;

// The list cases (issue 4) over raw TCP against redis-server and the listener, RESP2 and RESP3, blocking commands included.
public sealed class ListsOverResp2(RedisServerFixture s) : ListTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class ListsOverResp3(RedisServerFixture s) : ListTests(s) { protected override Transport Transport => Transport.WireResp3; }
