using Microsoft.Extensions.Logging;

namespace InProcValkey.Server.Tool;

/// <summary>A minimal logger factory writing one line per message to a <see cref="TextWriter"/> (the tool's stderr), filtered by <c>loglevel</c>.</summary>
internal sealed class WriterLoggerFactory(TextWriter writer, LogLevel minimum) : ILoggerFactory
{
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => new WriterLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class WriterLogger(WriterLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            char mark = logLevel switch { LogLevel.Trace => '.', LogLevel.Debug => '-', LogLevel.Information => '*', _ => '#' };
            string line = $"{Environment.ProcessId}:M {DateTime.Now:dd MMM yyyy HH:mm:ss.fff} {mark} {formatter(state, exception)}";
            lock (owner._lock)
            {
                owner.Writer.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
                owner.Writer.Flush();
            }
        }
    }

    private TextWriter Writer => writer;

    private LogLevel Minimum => minimum;
}
