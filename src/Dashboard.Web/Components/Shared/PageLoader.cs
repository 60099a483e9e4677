namespace Dashboard.Web.Components.Shared;

/// <summary>
/// What every page does to load what it shows, done one way: one load at a time, run on the thread pool (SQLite's
/// provider does its I/O synchronously even behind async calls: off the circuit's thread the skeleton paints and the
/// page follows a click meanwhile), the load before cancelled when a newer one starts (another period, another page),
/// a failure logged and shown as a plain message, and the load cancelled when the page closes.
/// </summary>
public sealed class PageLoader : IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private CancellationTokenSource? _current;

    /// <summary>What to tell the listener when the last load failed; null otherwise.</summary>
    public string? Error { get; private set; }

    /// <summary>Cancelled when the page closes: for the page's calls besides its loads.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>
    /// Runs <paramref name="load"/>, replacing the load in progress, and hands its answer to <paramref name="show"/>
    /// unless a newer load or the page's closing replaced it meanwhile.
    /// </summary>
    /// <param name="fail">Logs an unexpected failure and says what to show instead.</param>
    /// <returns>Whether the answer was shown.</returns>
    public async Task<bool> LoadAsync<T>(Func<CancellationToken, Task<T>> load, Action<T> show,
        Func<Exception, string> fail)
    {
        _current?.Cancel();
        _current = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        var cancellationToken = _current.Token;
        Error = null;
        try
        {
            var answer = await Task.Run(() => load(cancellationToken), cancellationToken);
            // A load the service finished despite being replaced must not overwrite the newer one's answer.
            cancellationToken.ThrowIfCancellationRequested();
            show(answer);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer load or the page closing replaced this one.
            return false;
        }
        catch (Exception e)
        {
            Error = fail(e);
            return false;
        }
    }

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
        _current?.Dispose();
    }
}
