namespace InProcValkey;

/// <summary>An end of a list: LEFT (the head) or RIGHT (the tail), as in LMOVE and LMPOP.</summary>
public enum ListSide
{
    /// <summary>The head (LEFT).</summary>
    Left,
    /// <summary>The tail (RIGHT).</summary>
    Right,
}

/// <summary>The result of a multi-key list pop (LMPOP, BLMPOP, BLPOP, BRPOP): the key popped from and the elements.</summary>
public sealed class ListPopResult
{
    internal ListPopResult(byte[] key, byte[][] values)
    {
        KeyBytes = key;
        Values = values;
    }

    /// <summary>The key the elements were popped from.</summary>
    public byte[] KeyBytes { get; }

    /// <summary>The key as UTF-8 text.</summary>
    public string Key => System.Text.Encoding.UTF8.GetString(KeyBytes);

    /// <summary>The popped elements, in pop order.</summary>
    public byte[][] Values { get; }

    /// <summary>The popped elements as UTF-8 text.</summary>
    public string[] TextValues => [.. Values.Select(v => System.Text.Encoding.UTF8.GetString(v))];
}
