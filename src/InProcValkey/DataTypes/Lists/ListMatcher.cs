namespace InProcValkey.DataTypes.Lists;

/// <summary>Compares list elements with one value as Valkey's <c>lpCompare</c>/<c>quicklistCompare</c> do: an
/// integer-encoded element equals a value whose canonical integer form it is; strings compare byte for byte.
/// The value is parsed once.</summary>
internal readonly ref struct ListMatcher
{
    private readonly ReadOnlySpan<byte> _value;
    private readonly long _integer;
    private readonly bool _isInteger;

    public ListMatcher(ReadOnlySpan<byte> value)
    {
        _value = value;
        _isInteger = Listpack.TryParseInteger(value, out _integer);
    }

    /// <summary>Whether <paramref name="e"/> equals the value.</summary>
    public bool Matches(in ListpackEntry e) => e.IsInteger ? _isInteger && e.Integer == _integer : e.Bytes.SequenceEqual(_value);
}
