using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dashboard.E2E.Support;

/// <summary>The errors the app under test logged: what a failed step's message says of the server's side.</summary>
public sealed class ServerLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var cause = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
                log._errors.Enqueue($"{category}: {formatter(state, exception)}{cause}");
            }
        }
    }
}
