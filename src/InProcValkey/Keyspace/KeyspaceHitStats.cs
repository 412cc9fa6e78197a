using System.Collections.Concurrent;

namespace InProcValkey.Keyspace;

/// <summary>
/// INFO's <c>keyspace_hits</c> / <c>keyspace_misses</c>: counted by every read lookup (Valkey's <c>lookupKeyRead</c>; writes'
/// lookups do not count). GET is the hottest path of the engine and runs on many threads at once, so each thread counts in
/// a cell of its own (a plain add, no fence, no shared cache line) and INFO sums the cells. A cell outlives its thread, so
/// nothing counted is lost; there are as many cells as threads that ever read a key. (The thread-local slot is left to the
/// finalizer: disposing it under a concurrent reader would throw.)
/// </summary>
internal sealed class KeyspaceHitStats
{
    private sealed class Cell(KeyspaceHitStats owner)
    {
        public readonly KeyspaceHitStats Owner = owner;
        public long Hits;
        public long Misses;
    }

    // The cell this thread used last: one thread-static read on the hot path (the ThreadLocal lookup only when a thread
    // switches between engines).
    [ThreadStatic]
    private static Cell? t_last;

    private readonly ConcurrentBag<Cell> _cells = [];
    private readonly ThreadLocal<Cell> _local;

    public KeyspaceHitStats() => _local = new ThreadLocal<Cell>(() =>
    {
        var cell = new Cell(this);
        _cells.Add(cell);
        return cell;
    });

    /// <summary>Counts one read lookup that found its key (<paramref name="hit"/>) or not.</summary>
    public void Record(bool hit)
    {
        var cell = t_last;
        if (cell is null || cell.Owner != this)
        {
            cell = Switch();
        }
        if (hit)
        {
            cell.Hits++;
        }
        else
        {
            cell.Misses++;
        }
    }

    /// <summary>Counts several lookups at once (EXISTS, MGET, TOUCH).</summary>
    public void Record(long hits, long misses)
    {
        var cell = t_last;
        if (cell is null || cell.Owner != this)
        {
            cell = Switch();
        }
        cell.Hits += hits;
        cell.Misses += misses;
    }

    private Cell Switch() => t_last = _local.Value!;

    public long Hits => Sum(static c => Volatile.Read(ref c.Hits));

    public long Misses => Sum(static c => Volatile.Read(ref c.Misses));

    private long Sum(Func<Cell, long> field)
    {
        long total = 0;
        foreach (var cell in _cells)
        {
            total += field(cell);
        }
        return total;
    }

    /// <summary>CONFIG RESETSTAT (a count racing with the reset may survive it, as in Valkey's own reset between two events).</summary>
    public void Reset()
    {
        foreach (var cell in _cells)
        {
            Volatile.Write(ref cell.Hits, 0);
            Volatile.Write(ref cell.Misses, 0);
        }
    }
}
