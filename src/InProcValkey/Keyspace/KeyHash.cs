using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace InProcValkey.Keyspace;

/// <summary>A key's hash: the shard it lives in and the 32 bits its table uses.</summary>
internal readonly struct KeyHash
{
    // Seeded per process: the listener faces untrusted input, so bucket positions must not be predictable.
    private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    public readonly uint Hash;
    public readonly int Shard;

    private KeyHash(uint hash, int shard)
    {
        Hash = hash;
        Shard = shard;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static KeyHash Of(ReadOnlySpan<byte> key)
    {
        ulong h = XxHash3.HashToUInt64(key, Seed);
        return new KeyHash((uint)h, (int)(h >> (64 - Database.ShardBits)));
    }
}
