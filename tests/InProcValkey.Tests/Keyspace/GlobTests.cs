using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Keyspace;

public sealed class GlobTests
{
    private static bool M(string pattern, string text) => Glob.Match(Encoding.Latin1.GetBytes(pattern), Encoding.Latin1.GetBytes(text));

    private static (byte[][] Keys, List<(byte[] Pattern, HashSet<int> Matches)> Cases) LoadCorpus()
    {
        byte[][] keys = [];
        var cases = new List<(byte[], HashSet<int>)>();
        static byte[] Hex(string s) => s == "-" ? [] : Convert.FromHexString(s);
        foreach (var line in GlobCorpus.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts[0] == "S")
            {
                keys = parts.Skip(1).Select(Hex).ToArray();
            }
            else if (parts[0] == "P")
            {
                var matches = parts.Length > 2 && parts[2].Length > 0 ? parts[2].Split(',').Select(int.Parse).ToHashSet() : [];
                cases.Add((Hex(parts[1]), matches));
            }
        }
        return (keys, cases);
    }

    [Fact]
    public void MatchesExactlyWhatRedisServerMatchedOnTheRecordedCorpus()
    {
        var (keys, cases) = LoadCorpus();
        Assert.Equal(250, keys.Length);
        Assert.Equal(600, cases.Count);
        foreach (var (pattern, expected) in cases)
        {
            for (int i = 0; i < keys.Length; i++)
            {
                bool actual = Glob.MatchesEverything(pattern) || Glob.Match(pattern, keys[i]);
                Assert.True(expected.Contains(i) == actual,
                    $"pattern {Convert.ToHexString(pattern)} key {Convert.ToHexString(keys[i])}: expected {expected.Contains(i)}");
            }
        }
    }

    [Fact]
    public void KeysCommandReturnsTheRecordedMatchesForEveryCorpusPattern()
    {
        var (keys, cases) = LoadCorpus();
        using var t = new TestStore();
        foreach (var k in keys)
        {
            Assert.True(t.Db.StringSet(k, "1"u8));
        }
        foreach (var (pattern, expected) in cases)
        {
            var got = t.Db.Keys(pattern).Select(k => Array.FindIndex(keys, x => x.AsSpan().SequenceEqual(k))).ToHashSet();
            Assert.True(expected.SetEquals(got), $"pattern {Convert.ToHexString(pattern)}");
        }
    }

    [Theory]
    [InlineData("*", "", false)] // only KEYS/SCAN's exact "*" shortcut matches the empty key
    [InlineData("**", "", false)]
    [InlineData("", "", true)]
    [InlineData("a*", "a", true)]
    [InlineData("a*?", "a", false)]
    [InlineData("?*", "x", true)]
    [InlineData("[abc", "b", true)] // unterminated class ends at the end of the pattern
    [InlineData("[abc", "bc", false)]
    [InlineData("[", "[", false)]
    [InlineData("[", "", false)]
    [InlineData("[^", "q", true)]
    [InlineData("[a-]", "_", true)] // ']' is the range's end: ']'..'a' after swapping
    [InlineData("[a-]", "]", true)]
    [InlineData("[a-]", "-", false)]
    [InlineData("[a-]x]", "^", true)] // the class goes on past the range to the next ']': ']'..'a', 'x'
    [InlineData("[z-a]", "m", true)] // reversed range is swapped
    [InlineData("[]]", "]", false)] // an empty class closes at the first ']' and matches nothing, then ']' must follow
    [InlineData("[]]", "]]", false)]
    [InlineData("[\\]]", "]", true)]
    [InlineData("[\\", "\\", true)] // a lone backslash at the end of a class is literal
    [InlineData("a\\", "a\\", true)] // a trailing backslash matches a backslash
    [InlineData("\\*", "*", true)]
    [InlineData("\\*", "x", false)]
    [InlineData("\\?", "?", true)]
    [InlineData("h[^e]llo", "hallo", true)]
    [InlineData("h[^e]llo", "hello", false)]
    [InlineData("h*llo", "hllo", true)]
    [InlineData("*b*", "ab", true)]
    public void CornerCasesMatchValkey(string pattern, string text, bool expected) => Assert.Equal(expected, M(pattern, text));

    [Fact]
    public void RangeBoundsCompareAsSignedChars()
    {
        // On x86-64 C chars are signed: 0xFF is -1, so [a-\xff] is the range -1..'a' (swapped), which holds NUL and 0xFF but not 'b'.
        Assert.True(M("[a-\u00ff]", "\u00ff"));
        Assert.True(M("[a-\u00ff]", "\0"));
        Assert.True(M("[a-\u00ff]", "a"));
        Assert.False(M("[a-\u00ff]", "b"));
        Assert.True(M("[\u0080-\u00ff]", "\u0090"));
        Assert.False(M("[\u0080-\u00ff]", "a"));
    }

    [Fact]
    public void PatternsNestingMoreThanAThousandStarsNeverMatch()
    {
        var text = new string('a', 1001);
        Assert.True(M(string.Concat(Enumerable.Repeat("*a", 1000)), text));
        Assert.False(M(string.Concat(Enumerable.Repeat("*a", 1001)), text));
    }

    [Fact]
    public void ManyStarsOnANonMatchingTextFinishQuickly()
    {
        // Valkey's skipLongerMatches keeps "*a*a*a…b" against "aaaa…" polynomial.
        var pattern = string.Concat(Enumerable.Repeat("*a", 30)) + "b";
        Assert.False(M(pattern, new string('a', 5000)));
    }

    [Fact]
    public void IsBinarySafe()
    {
        Assert.True(Glob.Match([0, (byte)'*', 0], [0, 1, 2, 0]));
        Assert.False(Glob.Match([0, (byte)'?'], [0]));
        Assert.True(Glob.Match([(byte)'[', 0, (byte)']'], [0]));
    }

    // ---- property: well-formed patterns against an independent reference matcher ----

    private abstract record Token;

    private sealed record Literal(byte Value) : Token;

    private sealed record AnyOne : Token;

    private sealed record AnyRun : Token;

    private sealed record Class(bool Negated, (byte Lo, byte Hi)[] Ranges) : Token;

    private static readonly byte[] Alphabet = "ab-^]*?[\\z"u8.ToArray();

    private static readonly Gen<byte> AlphabetByte = Gen.Elements(Alphabet);

    private static readonly Gen<Token> TokenGen = Gen.Frequency(
        (5, AlphabetByte.Select(b => (Token)new Literal(b))),
        (2, Gen.Constant((Token)new AnyOne())),
        (3, Gen.Constant((Token)new AnyRun())),
        (2, Gen.Zip(Gen.Elements(true, false), Gen.NonEmptyListOf(Gen.Zip(AlphabetByte, AlphabetByte)).Select(l => l.Take(3).ToArray()))
            .Select(x => (Token)new Class(x.Item1, x.Item2.Select(r => r.Item1 <= r.Item2 ? (r.Item1, r.Item2) : (r.Item2, r.Item1)).ToArray()))));

    // Renders tokens as a Valkey pattern, escaping every special byte so the pattern means exactly the tokens.
    private static byte[] Render(IEnumerable<Token> tokens)
    {
        var o = new List<byte>();
        void Escaped(byte b)
        {
            if (b is (byte)'*' or (byte)'?' or (byte)'[' or (byte)']' or (byte)'\\' or (byte)'-' or (byte)'^')
            {
                o.Add((byte)'\\');
            }
            o.Add(b);
        }
        foreach (var t in tokens)
        {
            switch (t)
            {
                case Literal l:
                    Escaped(l.Value);
                    break;
                case AnyOne:
                    o.Add((byte)'?');
                    break;
                case AnyRun:
                    o.Add((byte)'*');
                    break;
                case Class c:
                    o.Add((byte)'[');
                    if (c.Negated)
                    {
                        o.Add((byte)'^');
                    }
                    foreach (var (lo, hi) in c.Ranges)
                    {
                        if (lo == hi)
                        {
                            Escaped(lo);
                        }
                        else if (lo is (byte)'\\' or (byte)']' or (byte)'^' or (byte)'-' || hi is (byte)'\\' or (byte)']' or (byte)'-')
                        {
                            // An escape cannot bound a range, a leading '^' would negate, and a '-' bound would join the
                            // byte before it into another range (Valkey reads "a--?" as a-'-' then '?'): spell the range out.
                            for (int b = lo; b <= hi; b++)
                            {
                                Escaped((byte)b);
                            }
                        }
                        else
                        {
                            o.Add(lo);
                            o.Add((byte)'-');
                            o.Add(hi);
                        }
                    }
                    o.Add((byte)']');
                    break;
            }
        }
        return o.ToArray();
    }

    // Plain backtracking glob over tokens: * is any run (empty included), ? one byte, a class one byte in (or not in) its ranges.
    private static bool Reference(Token[] p, int pi, byte[] s, int si)
    {
        if (pi == p.Length)
        {
            return si == s.Length;
        }
        switch (p[pi])
        {
            case AnyRun:
                for (int k = si; k <= s.Length; k++)
                {
                    if (Reference(p, pi + 1, s, k))
                    {
                        return true;
                    }
                }
                return false;
            case AnyOne:
                return si < s.Length && Reference(p, pi + 1, s, si + 1);
            case Literal l:
                return si < s.Length && s[si] == l.Value && Reference(p, pi + 1, s, si + 1);
            case Class c:
                if (si == s.Length)
                {
                    return false;
                }
                bool inside = c.Ranges.Any(r => s[si] >= r.Lo && s[si] <= r.Hi);
                return inside != c.Negated && Reference(p, pi + 1, s, si + 1);
            default:
                throw new InvalidOperationException();
        }
    }

    [Property(MaxTest = 1500)]
    public Property WellFormedPatternsMatchLikeAPlainGlobOnNonEmptyText() =>
        Prop.ForAll(
            Gen.Zip(Gen.ListOf(TokenGen).Select(l => l.Take(7).ToArray()), Gen.NonEmptyListOf(AlphabetByte).Select(l => l.Take(8).ToArray())).ToArbitrary(),
            x =>
            {
                var (tokens, text) = x;
                var pattern = Render(tokens);
                // Valkey differs from a plain glob only on the empty text (a pattern of stars does not match it).
                return Glob.Match(pattern, text) == Reference(tokens, 0, text, 0);
            });

    [Property(MaxTest = 300)]
    public Property TheEmptyTextMatchesOnlyTheEmptyPattern() =>
        Prop.ForAll(
            Gen.ListOf(TokenGen).Select(l => Render(l.Take(5))).ToArbitrary(),
            pattern => Glob.Match(pattern, []) == (pattern.Length == 0));
}
