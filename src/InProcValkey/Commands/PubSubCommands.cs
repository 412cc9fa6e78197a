using InProcValkey.Errors;
using InProcValkey.PubSub;

namespace InProcValkey.Commands;

/// <summary>
/// SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH and PUBSUB (Valkey's
/// <c>pubsub.c</c>). The subscribe family needs a connection (<see cref="CommandContext.Client"/>): its confirmations are
/// push frames in RESP3 and arrays in RESP2, and the messages reach it through its <see cref="IPubSubSubscriber"/>.
/// The state and delivery live in <see cref="PubSubHub"/>, shared with the typed API.
/// </summary>
internal static class PubSubCommands
{
    private const string Group = "pubsub";
    private const CommandFlags Sub = CommandFlags.PubSub | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    private const CommandFlags Pub = CommandFlags.PubSub | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast;
    private const CommandFlags Info = CommandFlags.PubSub | CommandFlags.Loading | CommandFlags.Stale;
    private const string Parent = "pubsub";

    public static readonly CommandDef[] All =
    [
        new("subscribe", -2, Sub, Group, Subscribe),
        new("unsubscribe", -1, Sub, Group, Unsubscribe),
        new("psubscribe", -2, Sub, Group, PSubscribe),
        new("punsubscribe", -1, Sub, Group, PUnsubscribe),
        new("ssubscribe", -2, Sub, Group, SSubscribe, 1, -1, 1),
        new("sunsubscribe", -1, Sub, Group, SUnsubscribe, 1, -1, 1),
        new("publish", 3, Pub, Group, Publish),
        new("spublish", 3, Pub, Group, SPublish, 1, 1, 1),
        new(Parent, -2, CommandFlags.None, Group, null)
        {
            SubCommands =
            [
                new("channels", -2, Info, Group, Channels) { Parent = Parent },
                new("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, Help) { Parent = Parent },
                new("numpat", 2, Info, Group, NumPat) { Parent = Parent },
                new("numsub", -2, Info, Group, NumSub) { Parent = Parent },
                new("shardchannels", -2, Info, Group, ShardChannels) { Parent = Parent },
                new("shardnumsub", -2, Info, Group, ShardNumSub) { Parent = Parent },
            ],
        },
    ];

    /// <summary>The commands a RESP2 client in subscribe mode may run (Valkey's <c>processCommand</c> check).</summary>
    public static bool AllowedInSubscribeMode(CommandDef def) =>
        def.Name is "subscribe" or "unsubscribe" or "psubscribe" or "punsubscribe" or "ssubscribe" or "sunsubscribe"
            or "ping" or "quit" or "reset";

    private static void Subscribe(CommandContext ctx) => SubscribeMany(ctx, PubSubKind.Channel, "subscribe");

    private static void PSubscribe(CommandContext ctx) => SubscribeMany(ctx, PubSubKind.Pattern, "psubscribe");

    private static void SSubscribe(CommandContext ctx) => SubscribeMany(ctx, PubSubKind.Shard, "ssubscribe");

    private static void Unsubscribe(CommandContext ctx) => UnsubscribeMany(ctx, PubSubKind.Channel, "unsubscribe");

    private static void PUnsubscribe(CommandContext ctx) => UnsubscribeMany(ctx, PubSubKind.Pattern, "punsubscribe");

    private static void SUnsubscribe(CommandContext ctx) => UnsubscribeMany(ctx, PubSubKind.Shard, "sunsubscribe");

    // One confirmation per name: [kind, name, count]; the count is channels + patterns, or shard channels for the S… family.
    private static void Confirm(CommandContext ctx, string word, ReadOnlySpan<byte> name, bool nullName, PubSubSubscriptions subs, PubSubKind kind)
    {
        // Confirmations are pushes: they reach the client even under CLIENT REPLY OFF/SKIP (addReplyPubsubSubscribed).
        var push = ctx.Reply as IPushReplyWriter;
        if (push is not null)
        {
            push.BeginPushing();
            push.Push(3);
        }
        else
        {
            ctx.Reply.Array(3);
        }
        ctx.Reply.Bulk(word);
        if (nullName)
        {
            ctx.Reply.Null();
        }
        else
        {
            ctx.Reply.Bulk(name);
        }
        ctx.Reply.Integer(kind == PubSubKind.Shard ? subs.ShardChannelCount : subs.ChannelsAndPatterns);
        push?.EndPushing();
    }

    private static void SubscribeMany(CommandContext ctx, PubSubKind kind, string word)
    {
        if (ctx.Client is not { } client)
        {
            ctx.Reply.Error(ErrorMessages.SubscribeInProcess);
            return;
        }
        var hub = ctx.Engine.PubSub;
        var subscriber = client.Subscriber;
        for (int i = 1; i < ctx.Args.Count; i++)
        {
            hub.Subscribe(subscriber, ctx.Args[i], kind);
            Confirm(ctx, word, ctx.Args[i], false, subscriber.Subscriptions, kind);
        }
    }

    private static void UnsubscribeMany(CommandContext ctx, PubSubKind kind, string word)
    {
        if (ctx.Client is not { } client)
        {
            ctx.Reply.Error(ErrorMessages.SubscribeInProcess);
            return;
        }
        var hub = ctx.Engine.PubSub;
        var subscriber = client.Subscriber;
        if (ctx.Args.Count == 1)
        {
            // Every name of the kind, one confirmation each; a null name when there was none.
            var names = hub.NamesOf(subscriber, kind);
            if (names.Length == 0)
            {
                Confirm(ctx, word, default, true, subscriber.Subscriptions, kind);
                return;
            }
            foreach (var name in names)
            {
                hub.Unsubscribe(subscriber, name, kind);
                Confirm(ctx, word, name, false, subscriber.Subscriptions, kind);
            }
            return;
        }
        for (int i = 1; i < ctx.Args.Count; i++)
        {
            hub.Unsubscribe(subscriber, ctx.Args[i], kind);
            Confirm(ctx, word, ctx.Args[i], false, subscriber.Subscriptions, kind);
        }
    }

    private static void Publish(CommandContext ctx) => ctx.Reply.Integer(ctx.Engine.PubSub.Publish(ctx.Args[1], ctx.Args[2]));

    private static void SPublish(CommandContext ctx) => ctx.Reply.Integer(ctx.Engine.PubSub.PublishShard(ctx.Args[1], ctx.Args[2]));

    private static void Channels(CommandContext ctx) => ReplyChannels(ctx, shard: false);

    private static void ShardChannels(CommandContext ctx) => ReplyChannels(ctx, shard: true);

    private static void ReplyChannels(CommandContext ctx, bool shard)
    {
        if (ctx.Args.Count > 3)
        {
            ctx.Reply.Error(ErrorMessages.SubcommandSyntax(ctx.Args.GetString(1), "pubsub"));
            return;
        }
        bool all = ctx.Args.Count == 2;
        var names = ctx.Engine.PubSub.ActiveChannels(all ? default : ctx.Args[2], all, shard);
        ctx.Reply.Array(names.Count);
        foreach (var name in names)
        {
            ctx.Reply.Bulk(name);
        }
    }

    private static void NumSub(CommandContext ctx) => ReplyNumSub(ctx, shard: false);

    private static void ShardNumSub(CommandContext ctx) => ReplyNumSub(ctx, shard: true);

    private static void ReplyNumSub(CommandContext ctx, bool shard)
    {
        var hub = ctx.Engine.PubSub;
        ctx.Reply.Array((ctx.Args.Count - 2) * 2);
        for (int i = 2; i < ctx.Args.Count; i++)
        {
            ctx.Reply.Bulk(ctx.Args[i]);
            ctx.Reply.Integer(hub.SubscriberCount(ctx.Args[i], shard));
        }
    }

    private static void NumPat(CommandContext ctx) => ctx.Reply.Integer(ctx.Engine.PubSub.PatternCount);

    // PUBSUB HELP as Valkey 7.2 writes it (addReplyHelp adds the header and the HELP footer).
    private static readonly string[] HelpLines =
    [
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)",
    ];

    private static void Help(CommandContext ctx)
    {
        ctx.Reply.Array(HelpLines.Length + 3);
        ctx.Reply.SimpleString(ctx.Args.GetString(0).ToUpperInvariant() + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in HelpLines)
        {
            ctx.Reply.SimpleString(line);
        }
        // Valkey 7.2 (like Redis 7.2) says "Print"; Redis 7.0 said "Prints".
        ctx.Reply.SimpleString("HELP");
        ctx.Reply.SimpleString("    Print this help.");
    }
}
