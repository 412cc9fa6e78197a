using System.Globalization;
using System.Text;

namespace InProcValkey;

/// <summary>
/// A command's reply as a value, independent of any wire protocol: what <see cref="ValkeyStore.Execute(string[])"/>
/// returns, in the spirit of StackExchange.Redis's <c>RedisResult</c>.
/// </summary>
public sealed class ValkeyReply : IEquatable<ValkeyReply>
{
    private static readonly ValkeyReply[] NoElements = [];
    private readonly byte[]? _bytes;
    private readonly string? _text;
    private readonly long _integer;
    private readonly double _double;
    private readonly ValkeyReply[] _elements;

    private ValkeyReply(ValkeyReplyKind kind, byte[]? bytes = null, string? text = null, long integer = 0, double dbl = 0, ValkeyReply[]? elements = null)
    {
        Kind = kind;
        _bytes = bytes;
        _text = text;
        _integer = integer;
        _double = dbl;
        _elements = elements ?? NoElements;
    }

    /// <summary>The reply's type.</summary>
    public ValkeyReplyKind Kind { get; }

    /// <summary>True for <see cref="ValkeyReplyKind.Null"/> and <see cref="ValkeyReplyKind.NullArray"/>.</summary>
    public bool IsNull => Kind is ValkeyReplyKind.Null or ValkeyReplyKind.NullArray;

    /// <summary>True for an error reply.</summary>
    public bool IsError => Kind == ValkeyReplyKind.Error;

    /// <summary>The error text (with its prefix, e.g. <c>WRONGTYPE …</c>), or null when this is not an error.</summary>
    public string? ErrorMessage => Kind == ValkeyReplyKind.Error ? _text : null;

    /// <summary>The elements of an array, map (keys and values alternating) or set; empty otherwise.</summary>
    public IReadOnlyList<ValkeyReply> Elements => _elements;

    /// <summary>The bytes of a bulk string, simple string, verbatim string or error; null for a null reply.</summary>
    public byte[]? AsBytes() => Kind switch
    {
        ValkeyReplyKind.BulkString => _bytes,
        ValkeyReplyKind.SimpleString or ValkeyReplyKind.Error or ValkeyReplyKind.Verbatim => Encoding.UTF8.GetBytes(_text!),
        ValkeyReplyKind.Integer or ValkeyReplyKind.Double or ValkeyReplyKind.Boolean => Encoding.UTF8.GetBytes(ToString()!),
        _ => null,
    };

    /// <summary>The integer of an integer reply (or a boolean as 0/1, or a bulk string holding an integer).</summary>
    /// <exception cref="InvalidCastException">The reply holds no integer.</exception>
    public long AsInt64() => Kind switch
    {
        ValkeyReplyKind.Integer => _integer,
        ValkeyReplyKind.Boolean => _integer,
        ValkeyReplyKind.BulkString when long.TryParse(_bytes, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) => v,
        _ => throw new InvalidCastException($"A {Kind} reply holds no integer."),
    };

    /// <summary>The value of a double reply (or of a bulk string or integer holding a number).</summary>
    /// <exception cref="InvalidCastException">The reply holds no number.</exception>
    public double AsDouble() => Kind switch
    {
        ValkeyReplyKind.Double => _double,
        ValkeyReplyKind.Integer => _integer,
        ValkeyReplyKind.BulkString when double.TryParse(_bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) => v,
        _ => throw new InvalidCastException($"A {Kind} reply holds no number."),
    };

    /// <summary>The boolean of a boolean reply (or an integer 0/1).</summary>
    public bool AsBoolean() => Kind is ValkeyReplyKind.Boolean or ValkeyReplyKind.Integer
        ? _integer != 0
        : throw new InvalidCastException($"A {Kind} reply holds no boolean.");

    /// <summary>Text of a string-like reply (UTF-8), the number of a numeric reply, null for a null reply; aggregates render as a list.</summary>
    public override string? ToString() => Kind switch
    {
        ValkeyReplyKind.BulkString => Encoding.UTF8.GetString(_bytes!),
        ValkeyReplyKind.SimpleString or ValkeyReplyKind.Error or ValkeyReplyKind.Verbatim => _text,
        ValkeyReplyKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        ValkeyReplyKind.Double => _double.ToString("R", CultureInfo.InvariantCulture),
        ValkeyReplyKind.Boolean => _integer != 0 ? "true" : "false",
        ValkeyReplyKind.Null or ValkeyReplyKind.NullArray => null,
        _ => "[" + string.Join(", ", _elements.Select(e => e.ToString() ?? "(nil)")) + "]",
    };

    /// <summary>The verbatim format (e.g. <c>txt</c>) of a verbatim reply.</summary>
    public string? VerbatimFormat { get; private init; }

    /// <summary>Creates a simple string reply.</summary>
    public static ValkeyReply SimpleString(string value) => new(ValkeyReplyKind.SimpleString, text: value);

    /// <summary>Creates an error reply.</summary>
    public static ValkeyReply Error(string message) => new(ValkeyReplyKind.Error, text: message);

    /// <summary>Creates an integer reply.</summary>
    public static ValkeyReply Integer(long value) => new(ValkeyReplyKind.Integer, integer: value);

    /// <summary>Creates a bulk string reply.</summary>
    public static ValkeyReply Bulk(byte[] value) => new(ValkeyReplyKind.BulkString, bytes: value);

    /// <summary>Creates a bulk string reply from UTF-8 text.</summary>
    public static ValkeyReply Bulk(string value) => new(ValkeyReplyKind.BulkString, bytes: Encoding.UTF8.GetBytes(value));

    /// <summary>The null bulk string reply.</summary>
    public static ValkeyReply Null { get; } = new(ValkeyReplyKind.Null);

    /// <summary>The null array reply.</summary>
    public static ValkeyReply NullArray { get; } = new(ValkeyReplyKind.NullArray);

    /// <summary>Creates an array reply.</summary>
    public static ValkeyReply Array(params ValkeyReply[] elements) => new(ValkeyReplyKind.Array, elements: elements);

    /// <summary>Creates a map reply from alternating keys and values.</summary>
    public static ValkeyReply Map(params ValkeyReply[] keysAndValues) => new(ValkeyReplyKind.Map, elements: keysAndValues);

    /// <summary>Creates a set reply.</summary>
    public static ValkeyReply Set(params ValkeyReply[] elements) => new(ValkeyReplyKind.Set, elements: elements);

    /// <summary>Creates a double reply.</summary>
    public static ValkeyReply Double(double value) => new(ValkeyReplyKind.Double, dbl: value);

    /// <summary>Creates a boolean reply.</summary>
    public static ValkeyReply Boolean(bool value) => new(ValkeyReplyKind.Boolean, integer: value ? 1 : 0);

    /// <summary>Creates a verbatim string reply.</summary>
    public static ValkeyReply Verbatim(string format, string text) => new(ValkeyReplyKind.Verbatim, text: text) { VerbatimFormat = format };

    /// <summary>Structural equality: same kind, same value, same elements.</summary>
    public bool Equals(ValkeyReply? other)
    {
        if (other is null || other.Kind != Kind)
        {
            return false;
        }
        return Kind switch
        {
            ValkeyReplyKind.BulkString => _bytes.AsSpan().SequenceEqual(other._bytes),
            ValkeyReplyKind.SimpleString or ValkeyReplyKind.Error => _text == other._text,
            ValkeyReplyKind.Verbatim => _text == other._text && VerbatimFormat == other.VerbatimFormat,
            ValkeyReplyKind.Integer or ValkeyReplyKind.Boolean => _integer == other._integer,
            ValkeyReplyKind.Double => _double.Equals(other._double),
            ValkeyReplyKind.Null or ValkeyReplyKind.NullArray => true,
            _ => _elements.Length == other._elements.Length && _elements.AsSpan().SequenceEqual(other._elements),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValkeyReply);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ToString());
}
