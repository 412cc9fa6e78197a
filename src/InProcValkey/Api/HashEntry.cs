using System.Text;

namespace InProcValkey;

/// <summary>One field of a hash and its value (HSET's and HGETALL's pairs), as bytes.</summary>
public readonly struct HashEntry
{
    /// <summary>A field and value as bytes (not copied: the caller must not change them while a write uses them).</summary>
    public HashEntry(ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>A field and value as UTF-8 text.</summary>
    public HashEntry(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = Encoding.UTF8.GetBytes(name);
        Value = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The field.</summary>
    public ReadOnlyMemory<byte> Name { get; }

    /// <summary>The value.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The field as UTF-8 text.</summary>
    public string NameText => Encoding.UTF8.GetString(Name.Span);

    /// <summary>The value as UTF-8 text.</summary>
    public string ValueText => Encoding.UTF8.GetString(Value.Span);

    /// <inheritdoc/>
    public override string ToString() => $"{NameText}: {ValueText}";
}
