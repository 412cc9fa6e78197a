using System.Text;
using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>
/// Issue 5's set benchmarks through the typed API with byte keys: SADD (a member already present, and an add + remove pair
/// of a new one) and SISMEMBER on each encoding (intset of 100, listpack of 100, hashtable of 1,000 members), and SINTER of
/// two 1,000-member sets (hashtables, half shared). HashSet&lt;string&gt; operations for reference.
/// </summary>
[MemoryDiagnoser]
public class SetTypeBenchmarks
{
    private ValkeyStore _store = null!;
    private ValkeyDatabase _db = null!;
    private readonly byte[] _intset = "bench:intset"u8.ToArray();
    private readonly byte[] _listpack = "bench:listpack"u8.ToArray();
    private readonly byte[] _hashtable = "bench:hashtable"u8.ToArray();
    private readonly byte[] _other = "bench:other"u8.ToArray();
    private byte[][] _intMembers = null!;
    private byte[][] _strMembers = null!;
    private byte[][] _bigMembers = null!;
    private byte[][] _newMembers = null!;
    private HashSet<string> _hashSet = null!;
    private HashSet<string> _hashSetOther = null!;
    private string[] _bigStrings = null!;
    private byte[][] _interKeys = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _store = new ValkeyStore();
        _db = _store.GetDatabase();
        _intMembers = [.. Enumerable.Range(0, 100).Select(i => Bytes((i * 37).ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        _strMembers = [.. Enumerable.Range(0, 100).Select(i => Bytes($"member:{i:D4}"))];
        _bigMembers = [.. Enumerable.Range(0, 1000).Select(i => Bytes($"member:{i:D6}"))];
        _newMembers = [.. Enumerable.Range(0, 1000).Select(i => Bytes($"new:{i:D6}"))];
        _db.SetAdd(_intset, _intMembers);
        _db.SetAdd(_listpack, _strMembers);
        _db.SetAdd(_hashtable, _bigMembers);
        _db.SetAdd(_other, [.. Enumerable.Range(500, 1000).Select(i => Bytes($"member:{i:D6}"))]);
        _interKeys = [_hashtable, _other];
        _bigStrings = [.. _bigMembers.Select(m => Encoding.UTF8.GetString(m))];
        _hashSet = [.. _bigStrings];
        _hashSetOther = [.. Enumerable.Range(500, 1000).Select(i => $"member:{i:D6}")];
        var session = _store.CreateSession();
        foreach (var (key, encoding) in new[] { ("bench:intset", "intset"), ("bench:listpack", "listpack"), ("bench:hashtable", "hashtable") })
        {
            string actual = session.Execute(["OBJECT", "ENCODING", key]).ToString()!;
            if (actual != encoding)
            {
                throw new InvalidOperationException($"{key} is {actual}, expected {encoding}");
            }
        }
        if (_db.SetCombine(SetOperation.Intersect, _interKeys).Length != 500)
        {
            throw new InvalidOperationException("unexpected intersection");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private int Next(int n)
    {
        int i = _i + 1;
        if (i >= n)
        {
            i = 0;
        }
        _i = i;
        return i;
    }

    [Benchmark(Description = "SADD existing member (hashtable 1,000)")]
    public bool SAddExisting() => _db.SetAdd(_hashtable, _bigMembers[Next(1000)]);

    [Benchmark(Description = "SADD + SREM new member (hashtable 1,000)")]
    public bool SAddRemoveNew()
    {
        var m = _newMembers[Next(1000)];
        return _db.SetAdd(_hashtable, m) & _db.SetRemove(_hashtable, m);
    }

    [Benchmark(Description = "SADD + SREM new member (intset 100)")]
    public bool SAddRemoveIntset() => _db.SetAdd(_intset, "100001"u8) & _db.SetRemove(_intset, "100001"u8);

    [Benchmark(Description = "SISMEMBER hit (intset 100)")]
    public bool SIsMemberIntset() => _db.SetContains(_intset, _intMembers[Next(100)]);

    [Benchmark(Description = "SISMEMBER hit (listpack 100)")]
    public bool SIsMemberListpack() => _db.SetContains(_listpack, _strMembers[Next(100)]);

    [Benchmark(Description = "SISMEMBER hit (hashtable 1,000)")]
    public bool SIsMemberHashtable() => _db.SetContains(_hashtable, _bigMembers[Next(1000)]);

    [Benchmark(Description = "HashSet<string>.Contains hit (1,000)")]
    public bool HashSetContains() => _hashSet.Contains(_bigStrings[Next(1000)]);

    [Benchmark(Description = "SINTER two 1,000-member sets (500 shared)")]
    public int SInter() => _db.SetCombine(SetOperation.Intersect, _interKeys).Length;

    [Benchmark(Description = "HashSet<string> copy + IntersectWith (1,000 × 1,000)")]
    public int HashSetIntersect()
    {
        var copy = new HashSet<string>(_hashSet);
        copy.IntersectWith(_hashSetOther);
        return copy.Count;
    }
}
