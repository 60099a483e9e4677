using Microsoft.Extensions.Options;

namespace Dashboard.Core.Spotify;

/// <summary>
/// How many Spotify calls background work may still spend for a user in the current clock hour
/// (<see cref="SpotifyOptions.RequestBudgetPerHour"/>). Enrichment asks before each look-up and stops when it is told
/// no; the player and what a user explicitly asks for do not count. Kept in memory: after a restart the hour starts
/// afresh, which errs on the side of a few more calls.
/// </summary>
public sealed class SpotifyRequestBudget(IOptions<SpotifyOptions> options, TimeProvider clock)
{
    private readonly Dictionary<int, (DateTimeOffset Hour, int Spent)> _spentByUser = [];
    private readonly Lock _lock = new();

    private int PerHour => options.Value.RequestBudgetPerHour;

    /// <summary>
    /// Spends <paramref name="calls"/> of the user's budget if that many are left; otherwise spends none.
    /// </summary>
    public bool TryConsume(int userId, int calls = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        var hour = CurrentHour();
        lock (_lock)
        {
            var spent = SpentIn(userId, hour);
            if (spent + calls > PerHour)
            {
                return false;
            }
            _spentByUser[userId] = (hour, spent + calls);
            return true;
        }
    }

    /// <summary>Calls left for the user this hour.</summary>
    public int Remaining(int userId)
    {
        var hour = CurrentHour();
        lock (_lock)
        {
            return PerHour - SpentIn(userId, hour);
        }
    }

    /// <summary>When every user's budget is whole again: the start of the next hour.</summary>
    public DateTimeOffset ResetsAt => CurrentHour().AddHours(1);

    private int SpentIn(int userId, DateTimeOffset hour) =>
        _spentByUser.TryGetValue(userId, out var usage) && usage.Hour == hour ? usage.Spent : 0;

    private DateTimeOffset CurrentHour()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
    }
}
