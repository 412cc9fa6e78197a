using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.DataTypes;

namespace InProcValkey.Tests.DataTypes;

public sealed class ListpackTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static List<string> Read(ReadOnlySpan<byte> lp)
    {
        var r = new List<string>();
        for (int p = Listpack.First(lp); p >= 0; p = Listpack.Next(lp, p))
        {
            r.Add(Encoding.UTF8.GetString(Listpack.Get(lp, p).ToArray()));
        }
        return r;
    }

    private static List<string> ReadBackward(ReadOnlySpan<byte> lp)
    {
        var r = new List<string>();
        for (int p = Listpack.Last(lp); p >= 0; p = Listpack.Prev(lp, p))
        {
            r.Add(Encoding.UTF8.GetString(Listpack.Get(lp, p).ToArray()));
        }
        return r;
    }

    // Bytes of the listpack redis-server 7.0 stores for RPUSH k <these values> (taken from DUMP with rdbcompression no).
    private static readonly string[] GoldenValues =
    [
        "1", "-1", "127", "128", "-4096", "4095", "4096", "-32768", "32767", "40000", "-8388608", "8388607", "9000000",
        "-2147483648", "2147483647", "3000000000", "-9223372036854775808", "9223372036854775807", "abc", "007", "-0", "",
    ];

    private const string GoldenHex =
        "7200000016000101dfff027f01c08002d00002cfff02f1001003f1008003f1ff7f03f2409c0004f200008004f2ffff7f04f34054890005f3" +
        "0000008005f3ffffff7f05f4005ed0b20000000009f4000000000000008009f4ffffffffffffff7f0983616263048330303704822d30038001ff";

    [Fact]
    public void EncodesIntegersAndStringsByteForByteAsRedis()
    {
        var lp = Listpack.FromValues(GoldenValues.Select(B));
        Assert.Equal(GoldenHex, Convert.ToHexStringLower(lp));
        Assert.Equal(GoldenValues, Read(lp));
        Assert.Equal(GoldenValues.Reverse(), ReadBackward(lp));
        Assert.Equal(GoldenValues.Length, Listpack.Count(lp));
    }

    [Fact]
    public void AppendingOneByOneGivesTheSameBytesAsBuildingAtOnce()
    {
        var buf = new byte[200];
        Listpack.InitEmpty(buf);
        foreach (var v in GoldenValues) Listpack.Append(buf, B(v));
        Assert.Equal(GoldenHex, Convert.ToHexStringLower(buf.AsSpan(0, Listpack.TotalBytes(buf))));
    }

    [Fact]
    public void LongStringsUseTwelveAndThirtyTwoBitLengthsWithMultiByteBacklen()
    {
        var s200 = new string('y', 200);
        var lp = Listpack.FromValues([B(s200)]);
        Assert.Equal(211, lp.Length);
        Assert.Equal("e0c8", Convert.ToHexStringLower(lp.AsSpan(6, 2)));
        Assert.Equal("01ca", Convert.ToHexStringLower(lp.AsSpan(208, 2)));
        var s5000 = new string('z', 5000);
        var big = Listpack.FromValues([B(s5000), B("x"), B(s200)]);
        Assert.Equal(0xF0, big[6]);
        Assert.Equal([s5000, "x", s200], Read(big));
        Assert.Equal([s200, "x", s5000], ReadBackward(big));
    }

    [Fact]
    public void SeekAcceptsNegativeIndexesAndRefusesOutOfRange()
    {
        var lp = Listpack.FromValues(new[] { "a", "b", "c", "d", "e" }.Select(B));
        Assert.Equal("a", Encoding.UTF8.GetString(Listpack.Get(lp, Listpack.Seek(lp, 0)).ToArray()));
        Assert.Equal("d", Encoding.UTF8.GetString(Listpack.Get(lp, Listpack.Seek(lp, 3)).ToArray()));
        Assert.Equal("e", Encoding.UTF8.GetString(Listpack.Get(lp, Listpack.Seek(lp, -1)).ToArray()));
        Assert.Equal("a", Encoding.UTF8.GetString(Listpack.Get(lp, Listpack.Seek(lp, -5)).ToArray()));
        Assert.Equal(-1, Listpack.Seek(lp, 5));
        Assert.Equal(-1, Listpack.Seek(lp, -6));
    }

    [Fact]
    public void FindComparesIntegersByValueAndStringsByBytesWithSkip()
    {
        var lp = Listpack.FromValues(new[] { "f1", "10", "f2", "010", "10", "x" }.Select(B));
        Assert.Equal(Listpack.Seek(lp, 1), Listpack.Find(lp, Listpack.First(lp), B("10")));
        Assert.Equal(Listpack.Seek(lp, 3), Listpack.Find(lp, Listpack.First(lp), B("010")));
        // Skip 1: compare only fields (even positions).
        Assert.Equal(Listpack.Seek(lp, 4), Listpack.Find(lp, Listpack.First(lp), B("10"), skip: 1));
        Assert.Equal(-1, Listpack.Find(lp, Listpack.First(lp), B("x"), skip: 1));
        Assert.Equal(-1, Listpack.Find(lp, Listpack.First(lp), B("nope")));
    }

    [Fact]
    public void EntryReadsAsIntegerOrBytes()
    {
        var lp = Listpack.FromValues([B("-77"), B("hello")]);
        var e0 = Listpack.Get(lp, Listpack.First(lp));
        Assert.True(e0.IsInteger);
        Assert.Equal(-77, e0.Integer);
        Assert.Equal(3, e0.Length);
        Assert.True(e0.ValueEquals(B("-77")));
        Assert.False(e0.ValueEquals(B("-077")));
        var e1 = Listpack.Get(lp, Listpack.Last(lp));
        Assert.False(e1.IsInteger);
        Assert.Equal("hello", Encoding.UTF8.GetString(e1.Bytes));
    }

    [Fact]
    public void DeleteRangeAndReplaceKeepTheListpackConsistent()
    {
        var buf = new byte[500];
        Listpack.InitEmpty(buf);
        foreach (var v in new[] { "a", "1", "bb", "300000", "c" }) Listpack.Append(buf, B(v));
        Listpack.DeleteRange(buf, Listpack.Seek(buf, 1), 2);
        Assert.Equal(["a", "300000", "c"], Read(buf));
        Listpack.Replace(buf, Listpack.Seek(buf, 1), B(new string('q', 100)));
        Listpack.Replace(buf, Listpack.Seek(buf, 0), B("5"));
        Assert.Equal(["5", new string('q', 100), "c"], Read(buf));
        Assert.Equal(["c", new string('q', 100), "5"], ReadBackward(buf));
        Listpack.Prepend(buf, B("first"));
        Listpack.Delete(buf, Listpack.Last(buf));
        Assert.Equal(["first", "5", new string('q', 100)], Read(buf));
        Assert.Equal(3, Listpack.Count(buf));
        var rebuilt = Listpack.FromValues(Read(buf).Select(B));
        Assert.Equal(rebuilt, buf.AsSpan(0, Listpack.TotalBytes(buf)).ToArray());
    }

    [Fact]
    public void CountBeyondSixtyFiveThousandIsWalked()
    {
        int n = 70_000;
        var buf = new byte[Listpack.EmptySize + n * 2];
        Listpack.InitEmpty(buf);
        for (int i = 0; i < n; i++) Listpack.Append(buf, "7"u8);
        Assert.Equal(n, Listpack.Count(buf));
        Listpack.DeleteRange(buf, Listpack.First(buf), 10_000);
        Assert.Equal(60_000, Listpack.Count(buf));
        Assert.Equal(60_000, System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(buf.AsSpan(4)));
    }

    private static Gen<string> ValueGen() => Gen.OneOf(
        Gen.Choose(-5000, 5000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ArbMap.Default.GeneratorFor<long>().Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Elements("", "a", "0", "-0", "01", "+1", " 1", new string('w', 70), new string('k', 5000)));

    [Property(MaxTest = 200)]
    public Property RandomInsertsAndDeletesMatchAListModel()
    {
        var op = Gen.Choose(0, 3).SelectMany(k => Gen.Choose(0, 1000).SelectMany(p => ValueGen().Select(v => (k, p, v))));
        return Prop.ForAll(op.ListOf().ToArbitrary(), ops =>
        {
            var model = new List<string>();
            var buf = new byte[1024 * 1024];
            Listpack.InitEmpty(buf);
            foreach (var (kind, pos, value) in ops)
            {
                switch (kind)
                {
                    case 0:
                        {
                            int i = model.Count == 0 ? 0 : pos % (model.Count + 1);
                            int p = i == model.Count ? Listpack.EofOffset(buf) : Listpack.Seek(buf, i);
                            Listpack.Insert(buf, p, B(value));
                            model.Insert(i, value);
                            break;
                        }
                    case 1 when model.Count > 0:
                        {
                            int i = pos % model.Count;
                            Listpack.Delete(buf, Listpack.Seek(buf, i));
                            model.RemoveAt(i);
                            break;
                        }
                    case 2 when model.Count > 0:
                        {
                            int i = pos % model.Count;
                            Listpack.Replace(buf, Listpack.Seek(buf, i), B(value));
                            model[i] = value;
                            break;
                        }
                    default:
                        Listpack.Append(buf, B(value));
                        model.Add(value);
                        break;
                }
            }
            var forward = Read(buf);
            var backward = ReadBackward(buf);
            backward.Reverse();
            var rebuilt = Listpack.FromValues(model.Select(B));
            return (forward.SequenceEqual(model) && backward.SequenceEqual(model) && Listpack.Count(buf) == model.Count
                && rebuilt.AsSpan().SequenceEqual(buf.AsSpan(0, Listpack.TotalBytes(buf)))).ToProperty();
        });
    }
}
