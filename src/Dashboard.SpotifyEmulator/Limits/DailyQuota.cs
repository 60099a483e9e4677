namespace Dashboard.SpotifyEmulator.Limits;

/// <summary>
/// A daily request budget per app that resets at midnight UTC; past it Spotify answers QUOTA_EXCEEDED.
/// </summary>
internal sealed class DailyQuota(int requestsPerDay, TimeProvider clock)
{
    private readonly Dictionary<string, (DateTime Day, int Count)> _usage = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Counts a call of the app; when today's budget is spent, returns the time until it resets instead.
    /// </summary>
    public TimeSpan? TryAdmit(string clientId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            var (day, count) = _usage.GetValueOrDefault(clientId);
            if (day != now.Date)
            {
                (day, count) = (now.Date, 0);
            }
            if (count >= requestsPerDay)
            {
                return day.AddDays(1) - now;
            }
            _usage[clientId] = (day, count + 1);
            return null;
        }
    }
}
