using InProcValkey.DataTypes.Sets;
using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

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
    /// or only its size in <paramref name="cardinality"/>. Keys are locked together; missing keys are empty sets; a plain set
    /// is an input whose every member scores 1 (before its weight), as in Valkey.
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
            var e = db.FindForReadLocked(shard, hashes[i], keys[i].Span, ref clock, out int index); // sources are read with lookupKeyRead
            var kind = e is null ? EntryKind.SortedSet : EntryLayout.Kind(e);
            if (kind is not (EntryKind.SortedSet or EntryKind.Set))
            {
                return ErrorMessages.WrongType;
            }
            sources[i] = new Source(e, e is null ? null : Database.StructureLocked(shard, index), options.Weights?[i] ?? 1.0, i, kind == EntryKind.Set);
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
            StoreLocked(db, db.ShardOf(hashes[n]), hashes[n], d.Span, output, ref clock,
                options.Operation switch { ZSetOperation.Union => Ev.Zunionstore, ZSetOperation.Inter => Ev.Zinterstore, _ => Ev.Zdiffstore });
        }
        return null;
    }

    // One input: a sorted set, a plain set (IsSet: every member scores 1), or a missing key (Entry null).
    private readonly record struct Source(byte[]? Entry, ICollectionObject? Structure, double Weight, int Position, bool IsSet)
    {
        public int Count => Entry is null ? 0 : IsSet ? Set.Count : View.Count;

        public ZsetView View => ZsetView.Of(Entry!, Structure);

        public SetObject Set => new(Entry!, Structure);

        /// <summary>Valkey's <c>zuiFind</c>: the member's (unweighted) score, 1 for a set member.</summary>
        public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
        {
            if (Entry is null)
            {
                score = 0;
                return false;
            }
            if (IsSet)
            {
                score = 1;
                return Set.Contains(member);
            }
            return View.TryGetScore(member, out score);
        }

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
        if (src[0].IsSet)
        {
            foreach (var member in src[0].Set)
            {
                if (!InterMember(src, member, 1, options, output, ref cardinality))
                {
                    return;
                }
            }
            return;
        }
        var first = src[0].View;
        // Valkey iterates a sorted-set input from its highest element down.
        for (var c = first.At(first.Count - 1); c.Valid; c.MovePrev())
        {
            if (!InterMember(src, c.Member, c.Score, options, output, ref cardinality))
            {
                return;
            }
        }
    }

    // One member of the smallest input: added (or counted) when every other input has it; false once ZINTERCARD's limit is reached.
    private static bool InterMember(Source[] src, ReadOnlySpan<byte> member, double memberScore, in ZCombineOptions options, ZsetItems output, ref long cardinality)
    {
        double score = Weighted(src[0].Weight, memberScore);
        for (int j = 1; j < src.Length; j++)
        {
            double value;
            if (src[j].SameAs(src[0]))
            {
                value = memberScore * src[j].Weight;
            }
            else if (src[j].TryGetScore(member, out double found))
            {
                value = found * src[j].Weight;
            }
            else
            {
                return true;
            }
            Aggregate(ref score, value, options.Aggregate);
        }
        if (options.CardinalityOnly)
        {
            cardinality++;
            return options.Limit <= 0 || cardinality < options.Limit;
        }
        output.Add(member, score);
        return true;
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
            if (s.IsSet)
            {
                double score = Weighted(s.Weight, 1);
                foreach (var member in s.Set)
                {
                    UnionMember(lookup, members, scores, member, score, aggregate);
                }
                continue;
            }
            var view = s.View;
            for (var c = view.At(view.Count - 1); c.Valid; c.MovePrev())
            {
                UnionMember(lookup, members, scores, c.Member, Weighted(s.Weight, c.Score), aggregate);
            }
        }
        for (int i = 0; i < members.Count; i++)
        {
            output.Add(members[i], scores[i]);
        }
    }

    private static void UnionMember(Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> lookup, List<byte[]> members, List<double> scores, ReadOnlySpan<byte> member, double score, ZAggregate aggregate)
    {
        if (lookup.TryGetValue(member, out int at))
        {
            double t = scores[at];
            Aggregate(ref t, score, aggregate);
            scores[at] = t;
        }
        else
        {
            var m = member.ToArray();
            lookup.Dictionary.Add(m, members.Count);
            members.Add(m);
            scores.Add(score);
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
        if (src[0].IsSet)
        {
            foreach (var member in src[0].Set)
            {
                DiffMember(src, member, 1, output);
            }
            return;
        }
        var first = src[0].View;
        for (var c = first.At(first.Count - 1); c.Valid; c.MovePrev())
        {
            DiffMember(src, c.Member, c.Score, output);
        }
    }

    // One member of the first input: kept when no other input has it (ZDIFF takes no weights).
    private static void DiffMember(Source[] src, ReadOnlySpan<byte> member, double score, ZsetItems output)
    {
        for (int j = 1; j < src.Length; j++)
        {
            if (src[j].TryGetScore(member, out _))
            {
                return;
            }
        }
        output.Add(member, score);
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
