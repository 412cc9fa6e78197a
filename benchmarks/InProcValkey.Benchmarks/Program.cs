using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace InProcValkey.Benchmarks;

/// <summary>
/// Entry point. Any BenchmarkDotNet argument works (<c>--filter *Get*</c>, <c>--job short</c>, …); with no
/// <c>--filter</c> every benchmark runs. <c>--quick</c> runs a short job (2 warmups, 3 iterations of 250 ms, one launch)
/// so the whole suite fits in a few minutes on a small machine; the figures are then indicative only.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        bool quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToList();
        if (!rest.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h" or "--info"))
        {
            rest.AddRange(["--filter", "*"]);
        }

        IConfig config = DefaultConfig.Instance;
        if (quick)
        {
            config = config.AddJob(Job.ShortRun
                .WithWarmupCount(2)
                .WithIterationCount(3)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("Quick"));
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
    }
}
