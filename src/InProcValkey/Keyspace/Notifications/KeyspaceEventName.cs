using System.Text;

namespace InProcValkey.Keyspace.Notifications;

/// <summary>An event name (Valkey's C string passed to <c>notifyKeyspaceEvent</c>): its UTF-8 bytes for pub/sub and its text for the typed API.</summary>
internal sealed class KeyspaceEventName
{
    public KeyspaceEventName(string text)
    {
        Text = text;
        Bytes = Encoding.ASCII.GetBytes(text);
    }

    public string Text { get; }

    public byte[] Bytes { get; }

    public override string ToString() => Text;
}

/// <summary>Every event name the store fires, spelled as Valkey 7.2 spells them.</summary>
internal static class Ev
{
    public static readonly KeyspaceEventName Set = new("set");
    public static readonly KeyspaceEventName Setrange = new("setrange");
    public static readonly KeyspaceEventName Incrby = new("incrby");
    public static readonly KeyspaceEventName Incrbyfloat = new("incrbyfloat");
    public static readonly KeyspaceEventName Append = new("append");
    public static readonly KeyspaceEventName Expire = new("expire");
    public static readonly KeyspaceEventName Persist = new("persist");
    public static readonly KeyspaceEventName Del = new("del");
    public static readonly KeyspaceEventName Expired = new("expired");
    public static readonly KeyspaceEventName Evicted = new("evicted");
    public static readonly KeyspaceEventName New = new("new");
    public static readonly KeyspaceEventName Keymiss = new("keymiss");
    public static readonly KeyspaceEventName RenameFrom = new("rename_from");
    public static readonly KeyspaceEventName RenameTo = new("rename_to");
    public static readonly KeyspaceEventName MoveFrom = new("move_from");
    public static readonly KeyspaceEventName MoveTo = new("move_to");
    public static readonly KeyspaceEventName CopyTo = new("copy_to");
    public static readonly KeyspaceEventName Sortstore = new("sortstore");
    public static readonly KeyspaceEventName Lpush = new("lpush");
    public static readonly KeyspaceEventName Rpush = new("rpush");
    public static readonly KeyspaceEventName Lpop = new("lpop");
    public static readonly KeyspaceEventName Rpop = new("rpop");
    public static readonly KeyspaceEventName Linsert = new("linsert");
    public static readonly KeyspaceEventName Lset = new("lset");
    public static readonly KeyspaceEventName Ltrim = new("ltrim");
    public static readonly KeyspaceEventName Lrem = new("lrem");
    public static readonly KeyspaceEventName Hset = new("hset");
    public static readonly KeyspaceEventName Hdel = new("hdel");
    public static readonly KeyspaceEventName Hincrby = new("hincrby");
    public static readonly KeyspaceEventName Hincrbyfloat = new("hincrbyfloat");
    public static readonly KeyspaceEventName Sadd = new("sadd");
    public static readonly KeyspaceEventName Srem = new("srem");
    public static readonly KeyspaceEventName Spop = new("spop");
    public static readonly KeyspaceEventName Sinterstore = new("sinterstore");
    public static readonly KeyspaceEventName Sunionstore = new("sunionstore");
    public static readonly KeyspaceEventName Sdiffstore = new("sdiffstore");
    public static readonly KeyspaceEventName Zadd = new("zadd");
    public static readonly KeyspaceEventName Zincr = new("zincr");
    public static readonly KeyspaceEventName Zrem = new("zrem");
    public static readonly KeyspaceEventName Zremrangebyscore = new("zremrangebyscore");
    public static readonly KeyspaceEventName Zremrangebyrank = new("zremrangebyrank");
    public static readonly KeyspaceEventName Zremrangebylex = new("zremrangebylex");
    public static readonly KeyspaceEventName Zpopmin = new("zpopmin");
    public static readonly KeyspaceEventName Zpopmax = new("zpopmax");
    public static readonly KeyspaceEventName Zunionstore = new("zunionstore");
    public static readonly KeyspaceEventName Zinterstore = new("zinterstore");
    public static readonly KeyspaceEventName Zdiffstore = new("zdiffstore");
    public static readonly KeyspaceEventName Zrangestore = new("zrangestore");
}
