using System.Runtime.InteropServices;

namespace InProcValkey.Server.Tool;

/// <summary>The <c>inprocvalkey-server</c> entry point: runs <see cref="ToolHost"/> until SIGINT or SIGTERM.</summary>
internal static class Program
{
    // .NET's socket engine runs completions on the thread pool by default: every receive is handed from the epoll
    // thread to a pool thread, a wake-up and a context switch per batch. With inline completions the epoll thread runs
    // the connection loop itself (parse, execute, reply, send) and goes back to epoll_wait, the event-loop model of
    // Valkey: on a 2-core machine this took redis-benchmark's GET -P 16 from about 0.7× to 0.95× of redis-server. The
    // switch is read once, when the socket engine starts, so it is set before any socket exists; an explicit setting in
    // the environment wins. It is safe because no command handler waits for another connection (a handler that blocks,
    // like DEBUG SLEEP, blocks the other clients of that epoll thread, as it blocks all of Valkey's).
    internal const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private static async Task<int> Main(string[] args)
    {
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        }
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // shut down ourselves, cleanly
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return await ToolHost.RunAsync(args, Console.Out, Console.Error, stop.Token);
    }
}
