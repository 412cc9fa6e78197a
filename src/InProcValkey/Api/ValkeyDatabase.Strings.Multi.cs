using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

// MGET, MSET, MSETNX.
public sealed partial class ValkeyDatabase
{
    /// <summary>MGET key [key ...]: the value of each key, atomically; null for a missing key or one holding another type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or one of its elements is null.</exception>
    public byte[]?[] StringGet(byte[][] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var k = new ReadOnlyMemory<byte>[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            k[i] = keys[i] ?? throw new ArgumentNullException(nameof(keys), "A key is null.");
        }
        if (k.Length == 0)
        {
            return [];
        }
        var clock = NewClock();
        return StringOps.GetMany(Db, k, ref clock);
    }

    /// <summary>MGET with string keys; values as UTF-8 text.</summary>
    /// <inheritdoc cref="StringGet(byte[][])"/>
    public string?[] StringGet(string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var k = new ReadOnlyMemory<byte>[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            k[i] = Encoding.UTF8.GetBytes(keys[i] ?? throw new ArgumentNullException(nameof(keys), "A key is null."));
        }
        var result = new string?[k.Length];
        if (k.Length == 0)
        {
            return result;
        }
        var clock = NewClock();
        var values = StringOps.GetMany(Db, k, ref clock);
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = Text(values[i]);
        }
        return result;
    }

    /// <summary>
    /// MSET key value [key value ...] (<see cref="When.Always"/>) or MSETNX (<see cref="When.NotExists"/>): sets all
    /// the keys atomically, dropping their TTLs; a key given twice ends with its last value. Returns false when MSETNX
    /// found an existing key (then nothing is set). An empty array sets nothing and returns true.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/>, a key or a value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="when"/> is <see cref="When.Exists"/> (MSET has no XX).</exception>
    public bool StringSet(KeyValuePair<byte[], byte[]>[] values, When when = When.Always)
    {
        ArgumentNullException.ThrowIfNull(values);
        var keys = new ReadOnlyMemory<byte>[values.Length];
        var vals = new ReadOnlyMemory<byte>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            keys[i] = values[i].Key ?? throw new ArgumentNullException(nameof(values), "A key is null.");
            vals[i] = values[i].Value ?? throw new ArgumentNullException(nameof(values), "A value is null.");
        }
        return SetMany(keys, vals, when);
    }

    /// <summary>MSET / MSETNX with string keys and values (UTF-8).</summary>
    /// <inheritdoc cref="StringSet(KeyValuePair{byte[], byte[]}[], When)"/>
    public bool StringSet(KeyValuePair<string, string>[] values, When when = When.Always)
    {
        ArgumentNullException.ThrowIfNull(values);
        var keys = new ReadOnlyMemory<byte>[values.Length];
        var vals = new ReadOnlyMemory<byte>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            keys[i] = Encoding.UTF8.GetBytes(values[i].Key ?? throw new ArgumentNullException(nameof(values), "A key is null."));
            vals[i] = Encoding.UTF8.GetBytes(values[i].Value ?? throw new ArgumentNullException(nameof(values), "A value is null."));
        }
        return SetMany(keys, vals, when);
    }

    private bool SetMany(ReadOnlyMemory<byte>[] keys, ReadOnlyMemory<byte>[] values, When when)
    {
        if (when == When.Exists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "MSET supports only When.Always and When.NotExists (MSETNX).");
        }
        if (keys.Length == 0)
        {
            return true;
        }
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        return StringOps.SetMany(Db, keys, values, when == When.NotExists, ref clock);
    }
}
