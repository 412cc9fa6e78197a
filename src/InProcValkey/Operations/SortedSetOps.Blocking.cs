using InProcValkey.Commands;
using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Blocking;

namespace InProcValkey.Operations;

internal static partial class SortedSetOps
{
    // A sorted set gained members in place (ZADD, ZINCRBY): blocked BZPOPMIN/BZPOPMAX/BZMPOP on it may be served. New and
    // replaced entries are signalled by Database.StoreLocked itself.
    static partial void SignalReady(Database db, ReadOnlySpan<byte> key) => db.Engine.Blocking.SignalKeyReady(db, key);

    // Whether the key holds a sorted set (Valkey serves a blocked zset pop only when the readied key is a zset).
    private static bool HoldsSortedSet(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindLocked(shard, h, key, ref clock, out _, touch: false);
            return e is not null && EntryLayout.Kind(e) == EntryKind.SortedSet;
        }
    }

    /// <summary>
    /// A blocked BZPOPMIN / BZPOPMAX / BZMPOP: when one of its keys becomes a sorted set, the pop runs again over all its
    /// keys in order (Valkey 7.2 re-executes the blocked command). Times out with a null array.
    /// </summary>
    internal sealed class BlockedZPop(byte[][] keys, bool max, long count, bool multiPop) : IBlockedCommand
    {
        public bool TryServe(Database db, ReadOnlySpan<byte> key, IReplyWriter reply, ref Clock clock)
        {
            if (!HoldsSortedSet(db, key, ref clock))
            {
                return false;
            }
            var memories = new ReadOnlyMemory<byte>[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                memories[i] = keys[i];
            }
            var items = ZsetItems.Rent();
            try
            {
                var error = Pop(db, memories, max, count, ref clock, items, out int k);
                if (error is not null)
                {
                    reply.Error(error);
                    return true;
                }
                if (k < 0 || items.Count == 0)
                {
                    return false;
                }
                WritePopped(reply, keys[k], items, multiPop);
                return true;
            }
            finally
            {
                items.Return();
            }
        }

        public void WriteTimeout(IReplyWriter reply) => reply.NullArray();
    }

    /// <summary>BZPOPMIN/BZPOPMAX's [key, member, score] or [B]ZMPOP's [key, [[member, score], …]].</summary>
    internal static void WritePopped(IReplyWriter reply, ReadOnlySpan<byte> key, ZsetItems items, bool multiPop)
    {
        if (multiPop)
        {
            reply.Array(2);
            reply.Bulk(key);
            reply.Array(items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                reply.Array(2);
                reply.Bulk(items.Member(i));
                reply.Double(items.Score(i));
            }
            return;
        }
        reply.Array(3);
        reply.Bulk(key);
        reply.Bulk(items.Member(0));
        reply.Double(items.Score(0));
    }
}
