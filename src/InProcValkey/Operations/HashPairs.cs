using InProcValkey.Commands;
using InProcValkey.DataTypes.Hashes;

namespace InProcValkey.Operations;

/// <summary>Field/value pairs straight from a command's arguments: <c>args[start]</c>, <c>args[start + 1]</c>, ….</summary>
internal readonly struct ArgPairs(CommandArgs args, int start) : IHashPairs
{
    public int Count => (args.Count - start) / 2;

    public ReadOnlySpan<byte> Field(int i) => args[start + 2 * i];

    public ReadOnlySpan<byte> Value(int i) => args[start + 2 * i + 1];
}

/// <summary>Fields (no values) straight from a command's arguments, from <c>args[start]</c> on.</summary>
internal readonly struct ArgFields(CommandArgs args, int start) : IHashPairs
{
    public int Count => args.Count - start;

    public ReadOnlySpan<byte> Field(int i) => args[start + i];

    public ReadOnlySpan<byte> Value(int i) => default;
}

/// <summary>One field and value.</summary>
internal readonly ref struct OnePair(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value) : IHashPairs
{
    private readonly ReadOnlySpan<byte> _field = field;
    private readonly ReadOnlySpan<byte> _value = value;

    public int Count => 1;

    public ReadOnlySpan<byte> Field(int i) => _field;

    public ReadOnlySpan<byte> Value(int i) => _value;
}

/// <summary>The typed API's entries.</summary>
internal readonly ref struct EntryPairs(ReadOnlySpan<HashEntry> entries) : IHashPairs
{
    private readonly ReadOnlySpan<HashEntry> _entries = entries;

    public int Count => _entries.Length;

    public ReadOnlySpan<byte> Field(int i) => _entries[i].Name.Span;

    public ReadOnlySpan<byte> Value(int i) => _entries[i].Value.Span;
}

/// <summary>The typed API's field names.</summary>
internal readonly ref struct MemoryFields(ReadOnlySpan<ReadOnlyMemory<byte>> fields) : IHashPairs
{
    private readonly ReadOnlySpan<ReadOnlyMemory<byte>> _fields = fields;

    public int Count => _fields.Length;

    public ReadOnlySpan<byte> Field(int i) => _fields[i].Span;

    public ReadOnlySpan<byte> Value(int i) => default;
}
