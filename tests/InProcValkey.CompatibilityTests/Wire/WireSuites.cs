using InProcValkey.CompatibilityTests.Databases;
using InProcValkey.CompatibilityTests.Dispatch;
using InProcValkey.CompatibilityTests.Expiry;
using InProcValkey.CompatibilityTests.Harness;
using InProcValkey.CompatibilityTests.Keys;
using InProcValkey.CompatibilityTests.Properties;
using InProcValkey.CompatibilityTests.Server;
using InProcValkey.CompatibilityTests.Strings;

namespace InProcValkey.CompatibilityTests.Wire;

// The hand-written differential cases and the random sequences, run again over raw TCP against redis-server and our
// listener, in RESP2 and in RESP3 (after HELLO 3): each class inherits every case of its base and only changes the
// transport. Exact cases compare reply bytes; sorted/approximate/shape cases compare the parsed replies.

public sealed class StringSetOverResp2(RedisServerFixture s) : SetTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class StringSetOverResp3(RedisServerFixture s) : SetTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class GetExOverResp2(RedisServerFixture s) : GetExTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class GetExOverResp3(RedisServerFixture s) : GetExTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class CountersOverResp2(RedisServerFixture s) : CounterTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class CountersOverResp3(RedisServerFixture s) : CounterTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class MultiKeyOverResp2(RedisServerFixture s) : MultiKeyTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class MultiKeyOverResp3(RedisServerFixture s) : MultiKeyTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class RangesOverResp2(RedisServerFixture s) : RangeTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class RangesOverResp3(RedisServerFixture s) : RangeTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class KeyBasicsOverResp2(RedisServerFixture s) : KeyBasicsTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class KeyBasicsOverResp3(RedisServerFixture s) : KeyBasicsTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class KeysScanOverResp2(RedisServerFixture s) : KeysScanTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class KeysScanOverResp3(RedisServerFixture s) : KeysScanTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class ObjectOverResp2(RedisServerFixture s) : ObjectTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class ObjectOverResp3(RedisServerFixture s) : ObjectTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class RenameCopyMoveOverResp2(RedisServerFixture s) : RenameCopyMoveTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class RenameCopyMoveOverResp3(RedisServerFixture s) : RenameCopyMoveTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class ExpireOverResp2(RedisServerFixture s) : ExpireTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class ExpireOverResp3(RedisServerFixture s) : ExpireTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class TtlOverResp2(RedisServerFixture s) : TtlTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class TtlOverResp3(RedisServerFixture s) : TtlTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class DatabasesOverResp2(RedisServerFixture s) : DatabaseTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class DatabasesOverResp3(RedisServerFixture s) : DatabaseTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class ServerCommandsOverResp2(RedisServerFixture s) : ServerCommandTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class ServerCommandsOverResp3(RedisServerFixture s) : ServerCommandTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class DispatchOverResp2(RedisServerFixture s) : DispatchTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class DispatchOverResp3(RedisServerFixture s) : DispatchTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class ArityOverResp2(RedisServerFixture s) : ArityTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class ArityOverResp3(RedisServerFixture s) : ArityTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class ExistingCommandsOverResp2(RedisServerFixture s) : ExistingCommandsTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class ExistingCommandsOverResp3(RedisServerFixture s) : ExistingCommandsTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class RandomSequencesOverResp2(RedisServerFixture s) : RandomSequenceProperties(s, Transport.WireResp2);
public sealed class RandomSequencesOverResp3(RedisServerFixture s) : RandomSequenceProperties(s, Transport.WireResp3);
// ---- sets (issue 5) ----
public sealed class SetCommandsOverResp2(RedisServerFixture s) : Sets.SetCommandTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class SetCommandsOverResp3(RedisServerFixture s) : Sets.SetCommandTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class SetEncodingsOverResp2(RedisServerFixture s) : Sets.SetEncodingTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class SetEncodingsOverResp3(RedisServerFixture s) : Sets.SetEncodingTests(s) { protected override Transport Transport => Transport.WireResp3; }
public sealed class SetSequencesOverResp2(RedisServerFixture s) : SetSequenceProperties(s, Transport.WireResp2);
public sealed class SetSequencesOverResp3(RedisServerFixture s) : SetSequenceProperties(s, Transport.WireResp3);
