namespace InProcValkey.DataTypes.SortedSets;

/// <summary>
/// Members and scores copied out of a sorted set under its lock, replied after it: one byte arena and parallel arrays,
/// so a range costs a few arrays rather than one per member. Reused per thread through <see cref="Rent"/>.
/// </summary>
internal sealed class ZsetItems
{
    [ThreadStatic]
    private static ZsetItems? t_cached;

    private byte[] _arena = new byte[256];
    private int _used;
    private int[] _offsets = new int[16];
    private int[] _lengths = new int[16];
    private double[] _scores = new double[16];

    public int Count { get; private set; }

    public static ZsetItems Rent()
    {
        var items = t_cached ?? new ZsetItems();
        t_cached = null;
        items.Clear();
        return items;
    }

    /// <summary>Gives the instance back for reuse on this thread (large ones are dropped).</summary>
    public void Return()
    {
        if (_arena.Length <= 1 << 20 && _offsets.Length <= 1 << 16)
        {
            t_cached = this;
        }
    }

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    public void Add(ReadOnlySpan<byte> member, double score)
    {
        if (Count == _offsets.Length)
        {
            int n = Count * 2;
            Array.Resize(ref _offsets, n);
            Array.Resize(ref _lengths, n);
            Array.Resize(ref _scores, n);
        }
        if (_used + member.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _used + member.Length));
        }
        member.CopyTo(_arena.AsSpan(_used));
        _offsets[Count] = _used;
        _lengths[Count] = member.Length;
        _scores[Count] = score;
        _used += member.Length;
        Count++;
    }

    public ReadOnlySpan<byte> Member(int i) => new(_arena, _offsets[i], _lengths[i]);

    public double Score(int i) => _scores[i];

    /// <summary>Reverses the order of the items (ZRANDMEMBER returns whole sets highest first, as Valkey iterates them).</summary>
    public void Reverse()
    {
        Array.Reverse(_offsets, 0, Count);
        Array.Reverse(_lengths, 0, Count);
        Array.Reverse(_scores, 0, Count);
    }
}

/// <summary>Sorting and storing of computed results.</summary>
internal static class ZsetItemsExtensions
{
    /// <summary>Sorts items by (score, member), Valkey's sorted-set order.</summary>
    public static void SortByScoreThenMember(this ZsetItems items)
    {
        int n = items.Count;
        if (n < 2)
        {
            return;
        }
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => ZsetTree.Compare(items.Score(a), items.Member(a), items.Score(b), items.Member(b)));
        var copy = new ZsetItems();
        foreach (int i in order)
        {
            copy.Add(items.Member(i), items.Score(i));
        }
        items.Clear();
        for (int i = 0; i < n; i++)
        {
            items.Add(copy.Member(i), copy.Score(i));
        }
    }
}
