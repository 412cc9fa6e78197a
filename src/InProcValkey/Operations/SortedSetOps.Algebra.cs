using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>The operation of ZUNION, ZINTER, ZDIFF (and their STORE forms, ZINTERCARD).</summary>
internal enum ZSetOperation : byte
{
    Union,
    Inter,
    Diff,
}

/// <summary>AGGREGATE of ZUNION / ZINTER.</summary>
internal enum ZAggregate : byte
{
    Sum,
    Min,
    Max,
}

/// <summary>Parsed options of ZUNION/ZINTER/ZDIFF[STORE]/ZINTERCARD.</summary>
internal struct ZCombineOptions
{
    public ZSetOperation Operation;
    /// <summary>One weight per key, or null (all 1).</summary>
    public double[]? Weights;
    public ZAggregate Aggregate;
    /// <summary>ZINTERCARD: count only, stopping at <see cref="Limit"/> (0 = no limit).</summary>
    public bool CardinalityOnly;
    public long Limit;
    /// <summary>
    /// An option error found while parsing; Valkey reads the keys (and reports WRONGTYPE) before parsing the options, so the
    /// operation reports this only after checking the keys' types.
    /// </summary>
    public string? DeferredError;
}

internal static partial class SortedSetOps
{
    /// <summary>
    /// ZUNION, ZINTER, ZDIFF, ZINTERCARD and (with <paramref name="destination"/>) ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE
    /// (Valkey's <c>zunionInterDiffGenericCommand</c>): the result into <paramref name="output"/> in (score, member) order,
    /// or only its size in <paramref name="cardinality"/>. Keys are locked together; missing keys are empty sets.
    /// </summary>
    public static string? Combine(Database db, IReadOnlyList<ReadOnlyMemory<byte>> keys, in ZCombineOptions options, ReadOnlyMemory<byte>? destination, ref Clock clock, ZsetItems output, out long cardinality)
    {
        cardinality = 0;
        int n = keys.Count;
        var hashes = new KeyHash[n + (destination is null ? 0 : 1)];
        for (int i = 0; i < n; i++)
        {
            hashes[i] = KeyHash.Of(keys[i].Span);
        }
        if (destination is { } dst)
        {
            hashes[n] = KeyHash.Of(dst.Span);
        }
        using var locks = ShardLocks.ForKeys(db, hashes);
        var sources = new Source[n];
        for (int i = 0; i < n; i++)
        {
            var shard = db.ShardOf(hashes[i]);
            var e = FindLocked(db, shard, hashes[i], keys[i].Span, ref clock, out int index, out var error);
            if (error is not null)
            {
                // TODO(sets): Valkey also accepts plain sets here (every member scoring 1); the set type lands separately.
                return error;
            }
            sources[i] = new Source(e, e is null ? null : Database.StructureLocked(shard, index), options.Weights?[i] ?? 1.0, i);
        }
        if (options.DeferredError is { } deferred)
        {
            return deferred;
        }
        switch (options.Operation)
        {
            case ZSetOperation.Inter:
                Inter(sources, options, output, out cardinality);
                break;
            case ZSetOperation.Union:
                Union(sources, options.Aggregate, output);
                break;
            default:
                Diff(sources, output);
                break;
        }
        if (!options.CardinalityOnly)
        {
            output.SortByScoreThenMember();
            cardinality = output.Count;
        }
        if (destination is { } d)
        {
            StoreLocked(db, db.ShardOf(hashes[n]), hashes[n], d.Span, output, ref clock);
        }
        return null;
    }

    private readonly record struct Source(byte[]? Entry, ICollectionObject? Structure, double Weight, int Position)
    {
        public int Count => Entry is null ? 0 : View.Count;

        public ZsetView View => ZsetView.Of(Entry!, Structure);

        public bool SameAs(in Source other) => Entry is not null && ReferenceEquals(Entry, other.Entry);
    }

    private static void Aggregate(ref double target, double value, ZAggregate aggregate)
    {
        switch (aggregate)
        {
            case ZAggregate.Sum:
                target += value;
                // +inf + -inf: Valkey keeps 0.
                if (double.IsNaN(target))
                {
                    target = 0;
                }
                break;
            case ZAggregate.Min:
                target = value < target ? value : target;
                break;
            default:
                target = value > target ? value : target;
                break;
        }
    }

    private static double Weighted(double weight, double score)
    {
        double v = weight * score;
        return double.IsNaN(v) ? 0 : v;
    }

    // Sorted by size, smallest first, keeping the given order among equals (glibc's qsort is a stable merge sort).
    private static Source[] BySize(Source[] sources) => [.. sources.OrderBy(s => s.Count)];

    private static void Inter(Source[] sources, in ZCombineOptions options, ZsetItems output, out long cardinality)
    {
        cardinality = 0;
        var src = BySize(sources);
        if (src[0].Count == 0)
        {
            return;
        }
        var first = src[0].View;
        // Valkey iterates a sorted-set input from its highest element down.
        for (var c = first.At(first.Count - 1); c.Valid; c.MovePrev())
        {
            double score = Weighted(src[0].Weight, c.Score);
            int j;
            for (j = 1; j < src.Length; j++)
            {
                double value;
                if (src[j].SameAs(src[0]))
                {
                    value = c.Score * src[j].Weight;
                }
                else if (src[j].Entry is not null && src[j].View.TryGetScore(c.Member, out double found))
                {
                    value = found * src[j].Weight;
                }
                else
                {
                    break;
                }
                Aggregate(ref score, value, options.Aggregate);
            }
            if (j < src.Length)
            {
                continue;
            }
            if (options.CardinalityOnly)
            {
                cardinality++;
                if (options.Limit > 0 && cardinality >= options.Limit)
                {
                    return;
                }
            }
            else
            {
                output.Add(c.Member, score);
            }
        }
    }

    private static void Union(Source[] sources, ZAggregate aggregate, ZsetItems output)
    {
        var src = BySize(sources);
        var positions = new Dictionary<byte[], int>(ByteArrayEquality.Instance);
        var lookup = positions.GetAlternateLookup<ReadOnlySpan<byte>>();
        var scores = new List<double>();
        var members = new List<byte[]>();
        foreach (var s in src)
        {
            if (s.Count == 0)
            {
                continue;
            }
            var view = s.View;
            for (var c = view.At(view.Count - 1); c.Valid; c.MovePrev())
            {
                double score = Weighted(s.Weight, c.Score);
                if (lookup.TryGetValue(c.Member, out int at))
                {
                    double t = scores[at];
                    Aggregate(ref t, score, aggregate);
                    scores[at] = t;
                }
                else
                {
                    var m = c.Member.ToArray();
                    positions.Add(m, members.Count);
                    members.Add(m);
                    scores.Add(score);
                }
            }
        }
        for (int i = 0; i < members.Count; i++)
        {
            output.Add(members[i], scores[i]);
        }
    }

    private static void Diff(Source[] src, ZsetItems output)
    {
        if (src[0].Count == 0)
        {
            return;
        }
        for (int j = 1; j < src.Length; j++)
        {
            if (src[j].SameAs(src[0]))
            {
                return;
            }
        }
        var first = src[0].View;
        for (var c = first.At(first.Count - 1); c.Valid; c.MovePrev())
        {
            bool exists = false;
            for (int j = 1; j < src.Length && !exists; j++)
            {
                exists = src[j].Entry is not null && src[j].View.TryGetScore(c.Member, out _);
            }
            if (!exists)
            {
                output.Add(c.Member, c.Score);
            }
        }
    }

    private sealed class ByteArrayEquality : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteArrayEquality Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)System.IO.Hashing.XxHash3.HashToUInt64(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
