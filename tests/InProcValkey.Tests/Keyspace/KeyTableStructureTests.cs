using System.Text;
using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Keyspace;

public sealed class KeyTableStructureTests
{
    private sealed class Marker(string key) : ICollectionObject
    {
        public string Key { get; } = key;

        public ICollectionObject DeepCopy() => new Marker(Key);

        public long EstimatedBytes => 0;

        public long AccountedBytes { get; set; }

        public KeyTable? Owner { get; set; }

        public int OwnerSlots { get; set; }
    }

    private static byte[] Entry(string key) =>
        EntryLayout.AllocateCollection(Encoding.UTF8.GetBytes(key), EntryKind.Hash, CollectionEncodings.HashHashtable, false, 0, 0, 0, 0, out _);

    [Fact]
    public void Structures_stay_beside_their_entries_through_growth_deletion_and_shrinking()
    {
        var table = new KeyTable();
        var keys = Enumerable.Range(0, 2000).Select(i => "k" + i).ToList();
        foreach (var k in keys)
        {
            var b = Encoding.UTF8.GetBytes(k);
            int at = table.Add(KeyHash.Of(b).Hash, Entry(k));
            // Every third key is a compact encoding without a structure.
            table.SetObject(at, k.GetHashCode() % 3 == 0 ? null : new Marker(k));
        }
        var rng = new Random(7);
        foreach (var k in keys.OrderBy(_ => rng.Next()).Take(1900))
        {
            var b = Encoding.UTF8.GetBytes(k);
            table.RemoveAt(table.Find(KeyHash.Of(b).Hash, b));
        }
        int checkedCount = 0;
        for (int i = 0; i < table.Capacity; i++)
        {
            if (!table.IsOccupied(i))
            {
                Assert.Null(table.ObjectAt(i));
                continue;
            }
            var key = Encoding.UTF8.GetString(EntryLayout.Key(table.EntryAt(i)));
            if (key.GetHashCode() % 3 == 0)
            {
                Assert.Null(table.ObjectAt(i));
            }
            else
            {
                Assert.Equal(key, Assert.IsType<Marker>(table.ObjectAt(i)).Key);
            }
            checkedCount++;
        }
        Assert.Equal(100, checkedCount);
    }

    [Fact]
    public void Collection_entries_report_their_kind_and_resize_inline_data_in_place_within_capacity()
    {
        var e = EntryLayout.AllocateCollection("list"u8, EntryKind.List, CollectionEncodings.ListListpack, true, 5, 0, 3, 10, out var data);
        "abc"u8.CopyTo(data);
        Assert.True(EntryLayout.IsCollection(e));
        Assert.Equal(EntryKind.List, EntryLayout.Kind(e));
        Assert.Equal(KeyType.List, KeyTypes.Of(e));
        Assert.Equal(CollectionEncodings.ListListpack, EntryLayout.CollectionEncoding(e));
        Assert.Equal(10, EntryLayout.CollectionDataCapacity(e));
        Assert.True(EntryLayout.TryResizeCollectionData(e, 5, out var grown));
        Assert.Equal("abc\0\0"u8.ToArray(), grown.ToArray());
        Assert.True(EntryLayout.TryResizeCollectionData(e, 2, out var shrunk));
        Assert.Equal("ab"u8.ToArray(), shrunk.ToArray());
        Assert.False(EntryLayout.TryResizeCollectionData(e, 11, out _));
        Assert.Equal("ab"u8.ToArray(), EntryLayout.CollectionData(e).ToArray());
        var moved = EntryLayout.WithExpiry(EntryLayout.WithKey(e, "other"u8, keepExpiry: false), 9);
        Assert.Equal(EntryKind.List, EntryLayout.Kind(moved));
        Assert.Equal("ab"u8.ToArray(), EntryLayout.CollectionData(moved).ToArray());
        Assert.Equal(9, EntryLayout.Expiry(moved));
    }
}
