namespace Dashboard.SpotifyEmulator.Limits;

/// <summary>
/// Spotify's rate limit: each app may make a number of calls in any rolling window (30 seconds by default).
/// Refused calls are not counted, so waiting the Retry-After it was given always lets an app back in.
/// </summary>
internal sealed class RollingRateLimit(int requests, TimeSpan window, TimeProvider clock)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _callsByApp = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Counts a call of the app; when the window is full, returns how long until a slot frees up instead.
    /// </summary>
    public TimeSpan? TryAdmit(string clientId)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_callsByApp.TryGetValue(clientId, out var calls))
            {
                calls = new Queue<DateTimeOffset>();
                _callsByApp[clientId] = calls;
            }
            while (calls.Count > 0 && calls.Peek() <= now - window)
            {
                calls.Dequeue();
            }
            if (calls.Count >= requests)
            {
                return calls.Peek() + window - now;
            }
            calls.Enqueue(now);
            return null;
        }
    }
}
