namespace InProcValkey.Keyspace;

// ---- memory accounting (issue 6) ----
internal sealed partial class KeyShard
{
    /// <summary>The engine's running total, which every change to this shard's bytes is added to (set by <see cref="Database"/>).</summary>
    public MemoryAccounting Memory = null!;

    // Collection structures handed out under the current lock (Database.StructureLocked): a writer may grow or shrink them in
    // place, so their estimate is re-read and the difference charged when the lock is released.
    private ICollectionObject? _touched;
    private List<ICollectionObject>? _touchedMore;

    /// <summary>Notes that <paramref name="structure"/> may change before the lock is released (lock held).</summary>
    public void NoteStructure(ICollectionObject structure)
    {
        if (_touched is null)
        {
            _touched = structure;
        }
        else if (!ReferenceEquals(_touched, structure))
        {
            (_touchedMore ??= []).Add(structure);
        }
    }

    /// <summary>Forgets the noted structures without charging them (FLUSHALL dropped them; lock held).</summary>
    public void ForgetStructures()
    {
        _touched = null;
        _touchedMore?.Clear();
    }

    // Called by Exit while the lock is still held.
    private void ChargeTouchedStructures()
    {
        Recharge(_touched!);
        _touched = null;
        if (_touchedMore is { Count: > 0 } more)
        {
            foreach (var s in more)
            {
                Recharge(s);
            }
            more.Clear();
        }
    }

    private void Recharge(ICollectionObject s)
    {
        // Only a structure still stored in this shard's table: one removed meanwhile was uncharged when it left, and one moved
        // to another shard was charged there when it arrived (that shard's lock may already be released).
        if (!ReferenceEquals(s.Owner, Table))
        {
            return;
        }
        long now = s.EstimatedBytes;
        long delta = now - s.AccountedBytes;
        if (delta != 0)
        {
            s.AccountedBytes = now;
            Table.DataBytes += delta;
            Memory.Add(delta);
        }
    }
}
