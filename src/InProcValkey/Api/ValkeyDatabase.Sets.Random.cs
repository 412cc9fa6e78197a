using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

// SPOP, SRANDMEMBER: drawn from the store's random source (ValkeyStoreOptions.RandomSeed makes them repeatable).
public sealed partial class ValkeyDatabase
{
    /// <summary>SPOP key: removes and returns a random member; null when the key is missing. A set left empty deletes its key.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string? SetPop(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return Text(SetPop(k.Span));
    }

    /// <summary>SPOP with a binary key; the member as bytes.</summary>
    /// <inheritdoc cref="SetPop(string)"/>
    public byte[]? SetPop(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(SetOps.PopOne(Db, key, ref clock, out var member));
        return member;
    }

    /// <summary>SPOP key count: removes and returns up to <paramref name="count"/> distinct random members (all of them when count reaches the size).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string[] SetPop(string key, long count)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return [.. SetPop(k.Span, count).Select(m => Encoding.UTF8.GetString(m))];
    }

    /// <summary>SPOP key count with a binary key; the members as bytes.</summary>
    /// <inheritdoc cref="SetPop(string, long)"/>
    public byte[][] SetPop(ReadOnlySpan<byte> key, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var clock = NewClock();
        ThrowIfError(SetOps.Pop(Db, key, count, ref clock, out var members));
        return [.. members];
    }

    /// <summary>SRANDMEMBER key: a random member, not removed; null when the key is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string? SetRandomMember(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return Text(SetRandomMember(k.Span));
    }

    /// <summary>SRANDMEMBER with a binary key; the member as bytes.</summary>
    /// <inheritdoc cref="SetRandomMember(string)"/>
    public byte[]? SetRandomMember(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(SetOps.RandomMember(Db, key, ref clock, out var member));
        return member;
    }

    /// <summary>
    /// SRANDMEMBER key count: with a positive count, up to <paramref name="count"/> distinct random members; with a negative
    /// count, exactly -count members that may repeat. Nothing is removed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is <see cref="long.MinValue"/>.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string[] SetRandomMembers(string key, long count)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return [.. SetRandomMembers(k.Span, count).Select(m => Encoding.UTF8.GetString(m))];
    }

    /// <summary>SRANDMEMBER key count with a binary key; the members as bytes.</summary>
    /// <inheritdoc cref="SetRandomMembers(string, long)"/>
    public byte[][] SetRandomMembers(ReadOnlySpan<byte> key, long count)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(count, long.MinValue);
        var clock = NewClock();
        ThrowIfError(SetOps.RandomMembers(Db, key, count, ref clock, out var members));
        return [.. members];
    }
}
