using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Dispatch;

/// <summary>Wrong number of arguments for every command of issue 2 (and its subcommands): too few and, for fixed arities, too many.</summary>
public class ArityTests(RedisServerFixture server) : CompatTest(server)
{
    // Name and arity as in Valkey 7.2's command table (src/commands/*.json): N exact, -N at least N, name included.
    private static readonly (string Name, int Arity)[] Commands =
    [
        ("APPEND", 3), ("DECR", 2), ("DECRBY", 3), ("GET", 2), ("GETDEL", 2), ("GETEX", -2), ("GETRANGE", 4),
        ("GETSET", 3), ("INCR", 2), ("INCRBY", 3), ("INCRBYFLOAT", 3), ("LCS", -3), ("MGET", -2), ("MSET", -3),
        ("MSETNX", -3), ("PSETEX", 4), ("SET", -3), ("SETEX", 4), ("SETNX", 3), ("SETRANGE", 4), ("STRLEN", 2),
        ("SUBSTR", 4),
        ("DEL", -2), ("UNLINK", -2), ("EXISTS", -2), ("TYPE", 2), ("TOUCH", -2), ("RENAME", 3), ("RENAMENX", 3),
        ("COPY", -3), ("MOVE", 3), ("KEYS", 2), ("SCAN", -2), ("RANDOMKEY", 1),
        ("EXPIRE", -3), ("PEXPIRE", -3), ("EXPIREAT", -3), ("PEXPIREAT", -3), ("TTL", 2), ("PTTL", 2),
        ("EXPIRETIME", 2), ("PEXPIRETIME", 2), ("PERSIST", 2), ("OBJECT", -2),
        ("SELECT", 2), ("DBSIZE", 1), ("FLUSHDB", -1), ("FLUSHALL", -1), ("SWAPDB", 3), ("TIME", 1),
        ("PING", -1), ("ECHO", 2),
    ];

    public static TheoryData<string, int> WrongArgumentCounts()
    {
        var data = new TheoryData<string, int>();
        foreach (var (name, arity) in Commands)
        {
            int min = Math.Abs(arity);
            if (min > 1)
            {
                data.Add(name, min - 1);
            }
            if (min > 2)
            {
                data.Add(name, 1);
            }
            if (arity > 0)
            {
                data.Add(name, arity + 1);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(WrongArgumentCounts))]
    public void WrongNumberOfArgumentsIsAnArityError(string command, int argc)
    {
        // Arguments that would be valid in most positions, so only the count is wrong.
        var args = new List<Arg> { command };
        for (int i = 1; i < argc; i++)
        {
            args.Add(i % 2 == 1 ? "k" : "1");
        }
        Same(args.ToArray());
        Same(command.ToLowerInvariant(), "too", "many", "arguments", "for", "anything", "here", "x");
    }

    [Theory]
    [InlineData("ENCODING", 3)]
    [InlineData("REFCOUNT", 3)]
    [InlineData("IDLETIME", 3)]
    [InlineData("FREQ", 3)]
    [InlineData("HELP", 2)]
    public void ObjectSubcommandsCheckTheirOwnArity(string subcommand, int arity)
    {
        Same("SET", "k", "v");
        var tooMany = new List<Arg> { "OBJECT", subcommand };
        for (int i = 2; i <= arity; i++)
        {
            tooMany.Add("k");
        }
        Same(tooMany.ToArray());
        if (arity > 2)
        {
            Same("OBJECT", subcommand);
        }
        Same("OBJECT", subcommand.ToLowerInvariant(), "k", "k", "k");
    }
}
