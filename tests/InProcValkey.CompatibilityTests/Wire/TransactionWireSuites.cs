using InProcValkey.CompatibilityTests.Harness;
using InProcValkey.CompatibilityTests.Transactions;

namespace InProcValkey.CompatibilityTests.Wire;

// The transaction cases over raw TCP against redis-server and our listener, RESP2 and RESP3 (EXEC's null is *-1 / _).
public sealed class TransactionsOverResp2(RedisServerFixture s) : TransactionTests(s) { protected override Transport Transport => Transport.WireResp2; }
public sealed class TransactionsOverResp3(RedisServerFixture s) : TransactionTests(s) { protected override Transport Transport => Transport.WireResp3; }
