using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InProcValkey.Tests.Hashes;

/// <summary>
/// Random hash operations against a <see cref="Dictionary{TKey, TValue}"/> model, with low thresholds (4 entries,
/// 8 bytes) so both encodings and the conversion are exercised: contents, length, listpack order (insertion order) and
/// the encoding (hashtable once a threshold was passed, never back) must match the model after every step.
/// </summary>
public sealed class HashModelProperties
{
    public sealed record Op(int Kind, string Field, string Value, long Delta)
    {
        public override string ToString() => Kind switch
        {
            0 => $"HSET {Field} {Value}",
            1 => $"HDEL {Field}",
            2 => $"HINCRBY {Field} {Delta}",
            3 => $"HSETNX {Field} {Value}",
            _ => $"HMSET {Field} {Value} {Value}x",
        };
    }

    private static readonly Gen<Op> OpGen =
        from kind in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)), (1, Gen.Constant(4)))
        from field in Gen.Elements("a", "b", "c", "d", "e", "1", "-2", "", "long-field-x")
        from value in Gen.Elements("", "0", "7", "-300", "70000", "x", "hello", "123456789", "abcdefghi", "3.5")
        from delta in Gen.Elements(1L, -5L, 1000L, long.MaxValue)
        select new Op(kind, field, value, delta);

    [Property(MaxTest = 300)]
    public Property HashMatchesADictionaryModel() =>
        Prop.ForAll(Gen.ListOf(OpGen).Select(l => l.ToArray()).ToArbitrary(), ops =>
        {
            using var t = new TestStore();
            t.Ok("CONFIG", "SET", "hash-max-listpack-entries", "4", "hash-max-listpack-value", "8");
            var model = new List<KeyValuePair<string, string>>();
            bool hashtable = false;
            foreach (var op in ops)
            {
                int at = model.FindIndex(p => p.Key == op.Field);
                void Set(string f, string v)
                {
                    int i = model.FindIndex(p => p.Key == f);
                    if (i >= 0)
                    {
                        model[i] = new(f, v);
                    }
                    else
                    {
                        model.Add(new(f, v));
                    }
                }
                switch (op.Kind)
                {
                    case 0:
                        Assert.Equal(at < 0 ? 1 : 0, t.Int("HSET", "h", op.Field, op.Value));
                        hashtable |= op.Field.Length > 8 || op.Value.Length > 8;
                        Set(op.Field, op.Value);
                        break;
                    case 1:
                        Assert.Equal(at < 0 ? 0 : 1, t.Int("HDEL", "h", op.Field));
                        if (at >= 0)
                        {
                            model.RemoveAt(at);
                        }
                        break;
                    case 2:
                        long current = 0;
                        var r = t.Run("HINCRBY", "h", op.Field, op.Delta.ToString());
                        if (at >= 0 && !long.TryParse(model[at].Value, out current) || at >= 0 && model[at].Value is "" or "-0" || at >= 0 && model[at].Value.StartsWith('+'))
                        {
                            Assert.True(r.IsError);
                            break;
                        }
                        if (op.Delta > 0 && current > long.MaxValue - op.Delta)
                        {
                            Assert.Equal("ERR increment or decrement would overflow", r.ErrorMessage);
                            break;
                        }
                        string text = (current + op.Delta).ToString();
                        Assert.Equal(current + op.Delta, r.AsInt64());
                        hashtable |= op.Field.Length > 8 || text.Length > 8;
                        Set(op.Field, text);
                        break;
                    case 3:
                        Assert.Equal(at < 0 ? 1 : 0, t.Int("HSETNX", "h", op.Field, op.Value));
                        if (at < 0)
                        {
                            hashtable |= op.Field.Length > 8 || op.Value.Length > 8;
                            Set(op.Field, op.Value);
                        }
                        break;
                    default:
                        t.Ok("HMSET", "h", op.Field, op.Value, op.Field, op.Value + "x");
                        hashtable |= op.Field.Length > 8 || op.Value.Length + 1 > 8;
                        Set(op.Field, op.Value + "x");
                        break;
                }
                hashtable |= model.Count > 4;
                if (model.Count == 0)
                {
                    hashtable = false;
                    Assert.Equal(0, t.Int("EXISTS", "h"));
                    continue;
                }
                Assert.Equal(model.Count, t.Int("HLEN", "h"));
                Assert.Equal(hashtable ? "hashtable" : "listpack", t.Text("OBJECT", "ENCODING", "h"));
                var all = t.Run("HGETALL", "h").Elements.Select(e => e.ToString()!).ToList();
                var pairs = Enumerable.Range(0, all.Count / 2).Select(i => new KeyValuePair<string, string>(all[2 * i], all[2 * i + 1])).ToList();
                if (hashtable)
                {
                    Assert.Equal(model.OrderBy(p => p.Key, StringComparer.Ordinal), pairs.OrderBy(p => p.Key, StringComparer.Ordinal));
                }
                else
                {
                    Assert.Equal(model, pairs);
                }
            }
        });
}
