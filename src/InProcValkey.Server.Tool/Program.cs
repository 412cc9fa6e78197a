using System.Runtime.InteropServices;

namespace InProcValkey.Server.Tool;

/// <summary>The <c>inprocvalkey-server</c> entry point: runs <see cref="ToolHost"/> until SIGINT or SIGTERM.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
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
