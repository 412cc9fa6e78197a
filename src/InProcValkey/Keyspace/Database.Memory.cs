namespace InProcValkey.Keyspace;

// ---- memory accounting and eviction (issue 6) ----
// Every change to what a shard holds goes through StoreLocked / ReshapeLocked / RemoveLocked / ClearLocked, which charge the
// difference here: the entry arrays' bytes, the structures' estimates (re-read when a lock that handed one out is released, see
// KeyShard.Memory.cs) and the slot arrays' bytes when the table grew or shrank. See docs/memory.md.
internal sealed partial class Database
{
    /// <summary>
    /// False only when eviction found every shard empty and no key was added since: eviction skips such a database without
    /// looking at its 64 shards. Set (when clear) by every add.
    /// </summary>
    public volatile bool MayHaveKeys;

    private void ChargeAddedLocked(KeyShard shard, byte[] entry, ICollectionObject? structure, long slotBytesBefore)
    {
        if (!MayHaveKeys)
        {
            MayHaveKeys = true;
        }
        var table = shard.Table;
        long data = KeyTable.EntryBytes(entry) + Attach(shard, structure);
        table.DataBytes += data;
        Engine.Memory.Add(data + table.SlotBytes - slotBytesBefore);
    }

    private void ChargeReplacedLocked(KeyShard shard, byte[] oldEntry, byte[] entry, ICollectionObject? oldStructure, ICollectionObject? structure, long slotBytesBefore)
    {
        var table = shard.Table;
        long data = ReferenceEquals(oldEntry, entry) ? 0 : KeyTable.EntryBytes(entry) - KeyTable.EntryBytes(oldEntry);
        if (!ReferenceEquals(oldStructure, structure))
        {
            data += Attach(shard, structure) - Detach(table, oldStructure);
        }
        else if (structure is not null && ReferenceEquals(structure.Owner, table))
        {
            long now = structure.EstimatedBytes;
            data += now - structure.AccountedBytes;
            structure.AccountedBytes = now;
        }
        long delta = data + table.SlotBytes - slotBytesBefore;
        if (delta != 0)
        {
            table.DataBytes += data;
            Engine.Memory.Add(delta);
        }
    }

    private void ChargeRemovedLocked(KeyShard shard, byte[] entry, ICollectionObject? structure, long slotBytesBefore)
    {
        var table = shard.Table;
        long data = KeyTable.EntryBytes(entry) + Detach(table, structure);
        table.DataBytes -= data;
        Engine.Memory.Add(table.SlotBytes - slotBytesBefore - data);
    }

    private void ChargeClearedLocked(KeyShard shard, long dataBytes, long slotBytesBefore)
    {
        shard.Table.DataBytes = 0;
        shard.ForgetStructures();
        Engine.Memory.Add(shard.Table.SlotBytes - slotBytesBefore - dataBytes);
    }

    // A structure is charged once to the table that holds it, however many of its slots hold it (RENAME stores it under the
    // new key before removing the old one). Stored into another table (MOVE, RENAME across shards: both locks are held), its
    // charge moves there; the slot it leaves behind is then removed without uncharging anything. Returns what this table gains.
    private long Attach(KeyShard shard, ICollectionObject? structure)
    {
        if (structure is null)
        {
            return 0;
        }
        // A structure is often stored first and filled after (a hash converted to a hashtable, then its pairs set): it is
        // charged again when the lock is released.
        shard.NoteStructure(structure);
        var table = shard.Table;
        if (ReferenceEquals(structure.Owner, table))
        {
            structure.OwnerSlots++;
            return 0;
        }
        if (structure.Owner is { } previous)
        {
            previous.DataBytes -= structure.AccountedBytes;
            Engine.Memory.Add(-structure.AccountedBytes);
        }
        structure.Owner = table;
        structure.OwnerSlots = 1;
        return structure.AccountedBytes = structure.EstimatedBytes;
    }

    // What this table loses when one of its slots stops holding the structure.
    private static long Detach(KeyTable table, ICollectionObject? structure)
    {
        if (structure is null || !ReferenceEquals(structure.Owner, table) || --structure.OwnerSlots > 0)
        {
            return 0;
        }
        long bytes = structure.AccountedBytes;
        structure.Owner = null;
        structure.AccountedBytes = 0;
        return bytes;
    }

    /// <summary>
    /// Removes the entry at <paramref name="index"/> because eviction chose it (lock held): every eviction delete goes through
    /// here (Valkey's <c>deleteEvictedKeyAndPropagate</c>) and counts in INFO <c>evicted_keys</c>.
    /// </summary>
    public void EvictLocked(KeyShard shard, int index)
    {
        // RemoveLocked signals WATCH (as Valkey's deleteEvictedKeyAndPropagate); the `evicted` event follows the removal.
        var entry = shard.Table.EntryAt(index);
        RemoveLocked(shard, index);
        Engine.Memory.OnEvicted();
        NotifyEvicted(EntryLayout.Key(entry));
    }

    /// <summary>Bytes of the entry at <paramref name="index"/>, its structure and its slot (MEMORY USAGE; lock held).</summary>
    public static long KeyBytesLocked(KeyShard shard, int index)
    {
        var table = shard.Table;
        long bytes = KeyTable.EntryBytes(table.EntryAt(index)) + table.SlotBytes / Math.Max(1, table.Capacity);
        if (table.ObjectAt(index) is ICollectionObject structure)
        {
            bytes += structure.EstimatedBytes;
        }
        return bytes;
    }

    /// <summary>
    /// Sums what the running counters should hold by walking every entry (all of this database's shard locks taken one at a
    /// time): the slot arrays plus, per entry, its bytes and its structure's estimate. Tests compare it with the running total.
    /// </summary>
    public long RecomputeBytes()
    {
        long bytes = 0;
        foreach (var shard in Shards)
        {
            using (shard.Lock())
            {
                var table = shard.Table;
                bytes += table.SlotBytes;
                for (int i = 0; i < table.Capacity; i++)
                {
                    if (table.IsOccupied(i))
                    {
                        bytes += KeyTable.EntryBytes(table.EntryAt(i));
                        if (table.ObjectAt(i) is ICollectionObject structure)
                        {
                            bytes += structure.EstimatedBytes;
                        }
                    }
                }
            }
        }
        return bytes;
    }
}
