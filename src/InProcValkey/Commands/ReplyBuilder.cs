namespace InProcValkey.Commands;

/// <summary>Builds a <see cref="ValkeyReply"/> tree from what a command writes.</summary>
internal sealed class ReplyBuilder : IReplyWriter
{
    private readonly Stack<Frame> _open = new();
    private ValkeyReply? _result;

    private sealed class Frame(ValkeyReplyKind kind, int expected)
    {
        public readonly ValkeyReplyKind Kind = kind;
        public readonly ValkeyReply[] Items = new ValkeyReply[expected];
        public int Filled;
    }

    /// <summary>The completed reply; throws when a command wrote none or an incomplete aggregate.</summary>
    public ValkeyReply Result => _open.Count == 0 && _result is not null
        ? _result
        : throw new InvalidOperationException("The command wrote no complete reply.");

    public void Reset()
    {
        _open.Clear();
        _result = null;
    }

    private void Add(ValkeyReply r)
    {
        while (true)
        {
            if (_open.Count == 0)
            {
                _result = r;
                return;
            }
            var f = _open.Peek();
            f.Items[f.Filled++] = r;
            if (f.Filled < f.Items.Length)
            {
                return;
            }
            _open.Pop();
            r = Complete(f.Kind, f.Items);
        }
    }

    private static ValkeyReply Complete(ValkeyReplyKind kind, ValkeyReply[] items) => kind switch
    {
        ValkeyReplyKind.Map => ValkeyReply.Map(items),
        ValkeyReplyKind.Set => ValkeyReply.Set(items),
        _ => ValkeyReply.Array(items),
    };

    private void Open(ValkeyReplyKind kind, int count)
    {
        if (count == 0)
        {
            Add(Complete(kind, []));
        }
        else
        {
            _open.Push(new Frame(kind, count));
        }
    }

    public void SimpleString(string value) => Add(ValkeyReply.SimpleString(value));

    public void Error(string message)
    {
        Add(ValkeyReply.Error(message));
        Owner?.OnErrorReply(message);
    }

    /// <summary>The context whose error statistics this builder's error replies feed (INFO errorstats, failed_calls).</summary>
    public CommandContext? Owner { get; set; }

    public void Integer(long value) => Add(ValkeyReply.Integer(value));

    public void Bulk(ReadOnlySpan<byte> value) => Add(ValkeyReply.Bulk(value.ToArray()));

    public void Bulk(string value) => Add(ValkeyReply.Bulk(value));

    public void Null() => Add(ValkeyReply.Null);

    public void NullArray() => Add(ValkeyReply.NullArray);

    public void Array(int count) => Open(ValkeyReplyKind.Array, count);

    public void Map(int pairs) => Open(ValkeyReplyKind.Map, pairs * 2);

    public void Set(int count) => Open(ValkeyReplyKind.Set, count);

    public void Double(double value) => Add(ValkeyReply.Double(value));

    public void Boolean(bool value) => Add(ValkeyReply.Boolean(value));

    public void Verbatim(string format, string text) => Add(ValkeyReply.Verbatim(format, text));

    /// <summary>Writes a built reply to another writer (a blocked command's reply reaching its connection).</summary>
    public static void Replay(ValkeyReply reply, IReplyWriter writer)
    {
        switch (reply.Kind)
        {
            case ValkeyReplyKind.SimpleString:
                writer.SimpleString(reply.ToString()!);
                break;
            case ValkeyReplyKind.Error:
                writer.Error(reply.ErrorMessage!);
                break;
            case ValkeyReplyKind.Integer:
                writer.Integer(reply.AsInt64());
                break;
            case ValkeyReplyKind.BulkString:
                writer.Bulk(reply.AsBytes());
                break;
            case ValkeyReplyKind.Null:
                writer.Null();
                break;
            case ValkeyReplyKind.NullArray:
                writer.NullArray();
                break;
            case ValkeyReplyKind.Double:
                writer.Double(reply.AsDouble());
                break;
            case ValkeyReplyKind.Boolean:
                writer.Boolean(reply.AsBoolean());
                break;
            case ValkeyReplyKind.Verbatim:
                writer.Verbatim(reply.VerbatimFormat!, reply.ToString()!);
                break;
            default:
                var items = reply.Elements;
                if (reply.Kind == ValkeyReplyKind.Map)
                {
                    writer.Map(items.Count / 2);
                }
                else if (reply.Kind == ValkeyReplyKind.Set)
                {
                    writer.Set(items.Count);
                }
                else
                {
                    writer.Array(items.Count);
                }
                foreach (var item in items)
                {
                    Replay(item, writer);
                }
                break;
        }
    }
}
