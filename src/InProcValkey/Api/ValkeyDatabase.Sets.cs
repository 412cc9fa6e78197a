using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

// SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS, SMOVE.
public sealed partial class ValkeyDatabase
{
    private static ReadOnlyMemory<byte>[] Utf8All(string[] values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var result = new ReadOnlyMemory<byte>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = Encoding.UTF8.GetBytes(values[i] ?? throw new ArgumentNullException(name, "An element is null."));
        }
        return result;
    }

    private static ReadOnlyMemory<byte>[] BytesAll(byte[][] values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var result = new ReadOnlyMemory<byte>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i] ?? throw new ArgumentNullException(name, "An element is null.");
        }
        return result;
    }

    private static string[] Texts(List<byte[]> values)
    {
        var result = new string[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Encoding.UTF8.GetString(values[i]);
        }
        return result;
    }

    /// <summary>SADD key member: adds one member; true when it was not a member. Creates the set when the key is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool SetAdd(string key, string member)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var m = new Utf8Key(member, stackalloc byte[256]);
        return SetAdd(k.Span, m.Span);
    }

    /// <summary>SADD key member [member ...]: adds the members; returns how many were not members. An empty array adds nothing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SetAdd(string key, string[] members)
    {
        var m = Utf8All(members, nameof(members));
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return AddMembers(k.Span, m);
    }

    /// <summary>SADD with a binary key and member.</summary>
    /// <inheritdoc cref="SetAdd(string, string)"/>
    public bool SetAdd(ReadOnlySpan<byte> key, ReadOnlySpan<byte> member)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(SetOps.Add(Db, key, new SetOps.MemberArgs(member), ref clock, out long added));
        return added == 1;
    }

    /// <summary>SADD with a binary key and members.</summary>
    /// <inheritdoc cref="SetAdd(string, string[])"/>
    public long SetAdd(ReadOnlySpan<byte> key, byte[][] members) => AddMembers(key, BytesAll(members, nameof(members)));

    private long AddMembers(ReadOnlySpan<byte> key, ReadOnlyMemory<byte>[] members)
    {
        if (members.Length == 0)
        {
            return 0;
        }
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(SetOps.Add(Db, key, members, ref clock, out long added));
        return added;
    }

    /// <summary>SREM key member: removes one member; true when it was a member. A set left empty deletes its key.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool SetRemove(string key, string member)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var m = new Utf8Key(member, stackalloc byte[256]);
        return SetRemove(k.Span, m.Span);
    }

    /// <summary>SREM key member [member ...]: removes the members; returns how many were members.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SetRemove(string key, string[] members)
    {
        var m = Utf8All(members, nameof(members));
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return RemoveMembers(k.Span, m);
    }

    /// <summary>SREM with a binary key and member.</summary>
    /// <inheritdoc cref="SetRemove(string, string)"/>
    public bool SetRemove(ReadOnlySpan<byte> key, ReadOnlySpan<byte> member)
    {
        var clock = NewClock();
        ThrowIfError(SetOps.Remove(Db, key, new SetOps.MemberArgs(member), ref clock, out long removed));
        return removed == 1;
    }

    /// <summary>SREM with a binary key and members.</summary>
    /// <inheritdoc cref="SetRemove(string, string[])"/>
    public long SetRemove(ReadOnlySpan<byte> key, byte[][] members) => RemoveMembers(key, BytesAll(members, nameof(members)));

    private long RemoveMembers(ReadOnlySpan<byte> key, ReadOnlyMemory<byte>[] members)
    {
        if (members.Length == 0)
        {
            return 0;
        }
        var clock = NewClock();
        ThrowIfError(SetOps.Remove(Db, key, members, ref clock, out long removed));
        return removed;
    }

    /// <summary>SCARD key: the number of members; 0 when the key is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SetLength(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return SetLength(k.Span);
    }

    /// <summary>SCARD with a binary key.</summary>
    /// <inheritdoc cref="SetLength(string)"/>
    public long SetLength(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(SetOps.Cardinality(Db, key, ref clock, out long count));
        return count;
    }

    /// <summary>SISMEMBER key member: whether <paramref name="member"/> is in the set (false when the key is missing).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool SetContains(string key, string member)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var m = new Utf8Key(member, stackalloc byte[256]);
        return SetContains(k.Span, m.Span);
    }

    /// <summary>SISMEMBER with a binary key and member.</summary>
    /// <inheritdoc cref="SetContains(string, string)"/>
    public bool SetContains(ReadOnlySpan<byte> key, ReadOnlySpan<byte> member)
    {
        var clock = NewClock();
        ThrowIfError(SetOps.Contains(Db, key, member, ref clock, out bool isMember));
        return isMember;
    }

    /// <summary>SMISMEMBER key member [member ...]: for each member, whether it is in the set, atomically.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool[] SetContains(string key, string[] members)
    {
        var m = Utf8All(members, nameof(members));
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return ContainsMany(k.Span, m);
    }

    /// <summary>SMISMEMBER with a binary key and members.</summary>
    /// <inheritdoc cref="SetContains(string, string[])"/>
    public bool[] SetContains(ReadOnlySpan<byte> key, byte[][] members) => ContainsMany(key, BytesAll(members, nameof(members)));

    private bool[] ContainsMany(ReadOnlySpan<byte> key, ReadOnlyMemory<byte>[] members)
    {
        var clock = NewClock();
        ThrowIfError(SetOps.ContainsMany(Db, key, members, ref clock, out bool[] flags));
        return flags;
    }

    /// <summary>SMEMBERS key: every member (UTF-8 decoded), in no particular order; empty when the key is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string[] SetMembers(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        var clock = NewClock();
        ThrowIfError(SetOps.Members(Db, k.Span, ref clock, out var members));
        return Texts(members);
    }

    /// <summary>SMEMBERS with a binary key; the members as bytes.</summary>
    /// <inheritdoc cref="SetMembers(string)"/>
    public byte[][] SetMembers(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(SetOps.Members(Db, key, ref clock, out var members));
        return [.. members];
    }

    /// <summary>
    /// SMOVE source destination member: moves the member atomically; false when the source is missing or lacks it. Creates
    /// the destination set when missing; an emptied source is deleted.
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">The source (when it exists) or the destination holds another type.</exception>
    public bool SetMove(string source, string destination, string member)
    {
        using var s = new Utf8Key(source, stackalloc byte[256]);
        using var d = new Utf8Key(destination, stackalloc byte[256]);
        using var m = new Utf8Key(member, stackalloc byte[256]);
        return SetMove(s.Span, d.Span, m.Span);
    }

    /// <summary>SMOVE with binary keys and member.</summary>
    /// <inheritdoc cref="SetMove(string, string, string)"/>
    public bool SetMove(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> member)
    {
        var clock = NewClock();
        ThrowIfError(SetOps.Move(Db, source, destination, member, ref clock, out bool moved));
        return moved;
    }
}
