using System.Globalization;
using System.Text;

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>
/// One command argument as bytes. Converts implicitly from text (UTF-8), raw bytes and integers, so cases read as
/// <c>Same("SETRANGE", "k", 5, Bin.Of(0x00, 0xFF))</c>.
/// </summary>
public readonly struct Arg
{
    public Arg(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    public static implicit operator Arg(string text) => new(Encoding.UTF8.GetBytes(text));

    public static implicit operator Arg(byte[] bytes) => new(bytes);

    public static implicit operator Arg(long value) => new(Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)));

    public static byte[][] ToCommand(ReadOnlySpan<Arg> args)
    {
        var command = new byte[args.Length][];
        for (int i = 0; i < args.Length; i++)
        {
            command[i] = args[i].Bytes ?? [];
        }
        return command;
    }

    public override string ToString() => Render.Argument(Bytes ?? []);
}

/// <summary>Binary test values.</summary>
public static class Bin
{
    /// <summary>Bytes given one by one.</summary>
    public static byte[] Of(params byte[] bytes) => bytes;

    /// <summary>Each char of <paramref name="latin1"/> as one byte (so "\u00ff" is 0xFF).</summary>
    public static byte[] Latin1(string latin1) => Encoding.Latin1.GetBytes(latin1);

    /// <summary>A key holding NUL, 0xFF, CR and LF.</summary>
    public static readonly byte[] Key = [(byte)'k', 0x00, 0xFF, (byte)'\r', (byte)'\n', (byte)'z'];

    /// <summary>A value holding NUL, 0xFF, CR and LF.</summary>
    public static readonly byte[] Value = [0x00, 0xFF, (byte)'\r', (byte)'\n', 0x7F, 0x80, (byte)'v'];

    /// <summary>A string of <paramref name="length"/> ASCII letters.</summary>
    public static string Text(int length, char c = 'x') => new(c, length);
}
