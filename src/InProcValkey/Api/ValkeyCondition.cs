using System.Globalization;

namespace InProcValkey;

/// <summary>
/// A precondition of a <see cref="ValkeyTransaction"/> (as StackExchange.Redis's <c>Condition</c>): checked atomically with
/// the transaction's commands, under the same locks, right before they run. When any condition does not hold, no command
/// runs and <see cref="ValkeyTransaction.Execute"/> returns false. Each condition is a read command (EXISTS, GET, HGET, …)
/// whose reply is tested; <see cref="WasSatisfied"/> tells the outcome after execution.
/// </summary>
public sealed class ValkeyCondition
{
    internal readonly string[] Command;
    private readonly Func<ValkeyReply, bool> _test;

    private ValkeyCondition(string description, string[] command, Func<ValkeyReply, bool> test)
    {
        Description = description;
        Command = command;
        _test = test;
    }

    /// <summary>What the condition checks, for messages (for example <c>key exists: user:1</c>).</summary>
    public string Description { get; }

    /// <summary>Whether the condition held when the transaction ran; null before it ran.</summary>
    public bool? WasSatisfied { get; private set; }

    internal bool Evaluate(ValkeyReply reply)
    {
        bool ok = !reply.IsError && _test(reply);
        WasSatisfied = ok;
        return ok;
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>The key exists (EXISTS).</summary>
    public static ValkeyCondition KeyExists(string key) => new("key exists: " + key, ["EXISTS", key], r => r.AsInt64() == 1);

    /// <summary>The key does not exist (EXISTS).</summary>
    public static ValkeyCondition KeyNotExists(string key) => new("key not exists: " + key, ["EXISTS", key], r => r.AsInt64() == 0);

    /// <summary>The key holds a string equal to <paramref name="value"/> (GET; a missing key or another type is not equal).</summary>
    public static ValkeyCondition StringEqual(string key, string value) => new("string equal: " + key, ["GET", key], r => !r.IsNull && r.ToString() == value);

    /// <summary>The key does not hold a string equal to <paramref name="value"/> (GET; a missing key is not equal; another type fails the transaction).</summary>
    public static ValkeyCondition StringNotEqual(string key, string value) => new("string not equal: " + key, ["GET", key], r => r.IsNull || r.ToString() != value);

    /// <summary>The string's length is <paramref name="length"/> (STRLEN; 0 for a missing key).</summary>
    public static ValkeyCondition StringLengthEqual(string key, long length) => new("string length " + N(length) + ": " + key, ["STRLEN", key], r => r.AsInt64() == length);

    /// <summary>The hash has the field (HEXISTS).</summary>
    public static ValkeyCondition HashExists(string key, string field) => new("hash field exists: " + key + " " + field, ["HEXISTS", key, field], r => r.AsInt64() == 1);

    /// <summary>The hash does not have the field (HEXISTS; a missing key has no field).</summary>
    public static ValkeyCondition HashNotExists(string key, string field) => new("hash field not exists: " + key + " " + field, ["HEXISTS", key, field], r => r.AsInt64() == 0);

    /// <summary>The hash field equals <paramref name="value"/> (HGET).</summary>
    public static ValkeyCondition HashEqual(string key, string field, string value) => new("hash field equal: " + key + " " + field, ["HGET", key, field], r => !r.IsNull && r.ToString() == value);

    /// <summary>The hash field is missing or differs from <paramref name="value"/> (HGET).</summary>
    public static ValkeyCondition HashNotEqual(string key, string field, string value) => new("hash field not equal: " + key + " " + field, ["HGET", key, field], r => r.IsNull || r.ToString() != value);

    /// <summary>The hash has <paramref name="length"/> fields (HLEN).</summary>
    public static ValkeyCondition HashLengthEqual(string key, long length) => new("hash length " + N(length) + ": " + key, ["HLEN", key], r => r.AsInt64() == length);

    /// <summary>The list has <paramref name="length"/> elements (LLEN).</summary>
    public static ValkeyCondition ListLengthEqual(string key, long length) => new("list length " + N(length) + ": " + key, ["LLEN", key], r => r.AsInt64() == length);

    /// <summary>The list element at <paramref name="index"/> equals <paramref name="value"/> (LINDEX).</summary>
    public static ValkeyCondition ListIndexEqual(string key, long index, string value) => new("list index equal: " + key + " " + N(index), ["LINDEX", key, N(index)], r => !r.IsNull && r.ToString() == value);

    /// <summary>The set contains <paramref name="member"/> (SISMEMBER).</summary>
    public static ValkeyCondition SetContains(string key, string member) => new("set contains: " + key + " " + member, ["SISMEMBER", key, member], r => r.AsInt64() == 1);

    /// <summary>The set does not contain <paramref name="member"/> (SISMEMBER).</summary>
    public static ValkeyCondition SetNotContains(string key, string member) => new("set not contains: " + key + " " + member, ["SISMEMBER", key, member], r => r.AsInt64() == 0);

    /// <summary>The set has <paramref name="length"/> members (SCARD).</summary>
    public static ValkeyCondition SetLengthEqual(string key, long length) => new("set length " + N(length) + ": " + key, ["SCARD", key], r => r.AsInt64() == length);

    /// <summary>The sorted set contains <paramref name="member"/> (ZSCORE).</summary>
    public static ValkeyCondition SortedSetContains(string key, string member) => new("sorted set contains: " + key + " " + member, ["ZSCORE", key, member], r => !r.IsNull);

    /// <summary>The sorted set does not contain <paramref name="member"/> (ZSCORE).</summary>
    public static ValkeyCondition SortedSetNotContains(string key, string member) => new("sorted set not contains: " + key + " " + member, ["ZSCORE", key, member], r => r.IsNull);

    /// <summary>The member's score is <paramref name="score"/> (ZSCORE).</summary>
    public static ValkeyCondition SortedSetEqual(string key, string member, double score) => new("sorted set score equal: " + key + " " + member, ["ZSCORE", key, member], r => !r.IsNull && r.AsDouble() == score);

    /// <summary>The member is missing or its score is not <paramref name="score"/> (ZSCORE).</summary>
    public static ValkeyCondition SortedSetNotEqual(string key, string member, double score) => new("sorted set score not equal: " + key + " " + member, ["ZSCORE", key, member], r => r.IsNull || r.AsDouble() != score);

    /// <summary>The sorted set has <paramref name="length"/> members (ZCARD).</summary>
    public static ValkeyCondition SortedSetLengthEqual(string key, long length) => new("sorted set length " + N(length) + ": " + key, ["ZCARD", key], r => r.AsInt64() == length);
}
