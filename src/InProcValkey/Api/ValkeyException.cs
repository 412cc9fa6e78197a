namespace InProcValkey;

/// <summary>A command failed; <see cref="Exception.Message"/> is Valkey's error text, e.g. <c>ERR value is not an integer or out of range</c>.</summary>
public class ValkeyException : Exception
{
    /// <summary>Creates an exception carrying Valkey's error text.</summary>
    public ValkeyException(string message) : base(message)
    {
    }

    /// <summary>The error's prefix: <c>ERR</c>, <c>WRONGTYPE</c>, …</summary>
    public string Prefix => Message.Split(' ', 2)[0];

    internal static ValkeyException From(string error) => error.StartsWith("WRONGTYPE", StringComparison.Ordinal)
        ? new ValkeyWrongTypeException(error)
        : new ValkeyException(error);
}

/// <summary>The key holds a value of another type (<c>WRONGTYPE Operation against a key holding the wrong kind of value</c>).</summary>
public sealed class ValkeyWrongTypeException : ValkeyException
{
    /// <summary>Creates the exception with Valkey's text.</summary>
    public ValkeyWrongTypeException(string message) : base(message)
    {
    }
}
