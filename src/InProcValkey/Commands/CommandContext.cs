using InProcValkey.Keyspace;

namespace InProcValkey.Commands;

/// <summary>
/// Everything a command handler sees: the engine, the selected database, the arguments, the reply writer and the
/// command's one clock. One instance per caller (a session, later a connection), reused from command to command.
/// </summary>
internal sealed class CommandContext
{
    public CommandContext(Engine engine, IReplyWriter reply)
    {
        Engine = engine;
        Reply = reply;
        Clock = new Clock(engine.Time);
    }

    public Engine Engine { get; }

    public IReplyWriter Reply { get; set; }

    public CommandArgs Args { get; } = new();

    /// <summary>Index of the selected database (SELECT).</summary>
    public int DbIndex { get; set; }

    public Database Db => Engine.Databases[DbIndex];

    /// <summary>The command being run.</summary>
    public CommandDef Command { get; set; } = null!;

    /// <summary>The command's one "now"; reset by the dispatcher before each command.</summary>
    public Clock Clock;
}
