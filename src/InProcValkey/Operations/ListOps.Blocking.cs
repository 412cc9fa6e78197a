using InProcValkey.Commands;
using InProcValkey.DataTypes;
using InProcValkey.DataTypes.Lists;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Blocking;

namespace InProcValkey.Operations;

internal static partial class ListOps
{
    /// <summary>Writes a list element as a bulk string (integers in decimal, without allocating).</summary>
    internal static void WriteBulk(IReplyWriter r, in ListpackEntry e)
    {
        if (e.IsInteger)
        {
            Span<byte> digits = stackalloc byte[20];
            System.Buffers.Text.Utf8Formatter.TryFormat(e.Integer, digits, out int n);
            r.Bulk(digits[..n]);
        }
        else
        {
            r.Bulk(e.Bytes);
        }
    }

    // Whether key holds a list (Valkey serves a blocked list client only when the readied key is a list: blocked.c's
    // btype check), taking the key's lock briefly.
    private static bool HoldsList(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindLocked(shard, h, key, ref clock, out _, touch: false);
            return e is not null && ListValue.IsList(e);
        }
    }

    /// <summary>
    /// A blocked BLPOP / BRPOP / BLMPOP: when one of its keys becomes a list, the command runs again over all its keys in
    /// order (Valkey 7.2 re-executes the blocked command), popping from the first non-empty one.
    /// </summary>
    internal sealed class BlockedPop(byte[][] keys, bool head, long count, bool multiPop) : IBlockedCommand
    {
        public bool TryServe(Database db, ReadOnlySpan<byte> key, IReplyWriter reply, ref Clock clock)
        {
            if (!HoldsList(db, key, ref clock))
            {
                return false;
            }
            var memories = new ReadOnlyMemory<byte>[keys.Length];
            var hashes = new KeyHash[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                memories[i] = keys[i];
                hashes[i] = KeyHash.Of(keys[i]);
            }
            using var locks = ShardLocks.ForKeys(db, hashes);
            var writer = new KeyedReplyWriter(reply, multiPop);
            var error = MultiPopLocked(db, memories, hashes, head, multiPop ? count : 1, ref clock, ref writer, out bool found);
            if (error is not null)
            {
                reply.Error(error);
                return true;
            }
            return found;
        }

        public void WriteTimeout(IReplyWriter reply) => reply.NullArray();
    }

    /// <summary>A blocked BLMOVE / BRPOPLPUSH: served when its source becomes a list; a destination of another type then
    /// ends it with WRONGTYPE, as Valkey's re-executed command replies. Times out with a null array (not a null bulk).</summary>
    internal sealed class BlockedMove(byte[] source, byte[] destination, bool fromHead, bool toHead) : IBlockedCommand
    {
        public bool TryServe(Database db, ReadOnlySpan<byte> key, IReplyWriter reply, ref Clock clock)
        {
            if (!HoldsList(db, source, ref clock))
            {
                return false;
            }
            var hs = KeyHash.Of(source);
            var hd = KeyHash.Of(destination);
            using var locks = ShardLocks.ForKeys(db, [hs, hd]);
            var error = MoveLocked(db, source, hs, destination, hd, fromHead, toHead, ref clock, out var moved);
            if (error is not null)
            {
                reply.Error(error);
                return true;
            }
            if (moved is null)
            {
                return false;
            }
            reply.Bulk(moved);
            return true;
        }

        // Valkey's replyToBlockedClientTimedOut answers every list waiter (BLMOVE too) with a null array.
        public void WriteTimeout(IReplyWriter reply) => reply.NullArray();
    }

    /// <summary>Writes BLPOP's [key, element] or (multi-pop) LMPOP's [key, [elements]].</summary>
    internal readonly struct KeyedReplyWriter(IReplyWriter reply, bool multiPop) : IKeyedListReader
    {
        public void BeginKey(ReadOnlySpan<byte> key)
        {
            reply.Array(2);
            reply.Bulk(key);
        }

        public void Begin(long count)
        {
            if (multiPop)
            {
                reply.Array((int)count);
            }
        }

        public bool Visit(in ListpackEntry element)
        {
            WriteBulk(reply, element);
            return true;
        }
    }
}
