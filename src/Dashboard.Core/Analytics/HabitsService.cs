using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>A listening session; <see cref="LocalStart"/> is its start on the user's clock.</summary>
public sealed record SessionInfo(DateTime StartedAt, DateTime EndedAt, DateTime LocalStart, int Plays, long MsPlayed,
    int Skips)
{
    public TimeSpan Length => EndedAt - StartedAt;
}

public sealed record ArtistSkips(int ArtistId, string Name, int Plays, int Skips)
{
    public double SkipRate => Plays == 0 ? 0 : (double)Skips / Plays;
}

/// <summary>How someone listens: sessions (a gap of more than ten minutes ends one) and skipping.</summary>
public sealed record Habits(
    PeriodSelection Selection,
    DayRange Range,
    int Sessions,
    TimeSpan AverageSession,
    IReadOnlyList<SessionInfo> LongestSessions,
    int AllPlays,
    int Skips,
    IReadOnlyList<ArtistSkips> ArtistSkips)
{
    public double SkipRate => AllPlays == 0 ? 0 : (double)Skips / AllPlays;
}

/// <summary>Sessions and skip rates. Both look at every play: a skip is a play the rule may not count.</summary>
public class HabitsService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    private const int LongestCount = 5;
    private const int ArtistCount = 10;

    public virtual async Task<Habits> GetAsync(int userId, PeriodSelection selection,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        var range = await user.ResolveAsync(db, selection, clock, cancellationToken);

        // A few thousand rows at most; lengths are differences of instants, simplest in memory.
        var sessions = await db.ListeningSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.LocalDate >= range.From && s.LocalDate <= range.To)
            .ToListAsync(cancellationToken);
        var longest = sessions
            .OrderByDescending(s => s.EndedAt - s.StartedAt).ThenBy(s => s.StartedAt)
            .Take(LongestCount)
            .Select(s =>
                new SessionInfo(s.StartedAt, s.EndedAt, TimeZoneInfo.ConvertTimeFromUtc(s.StartedAt, user.Zone),
                    s.Plays, s.MsPlayed, s.Skips))
            .ToList();

        var plays = await db.DailyRollups.AsNoTracking()
            .Where(r => r.UserId == userId && r.LocalDate >= range.From && r.LocalDate <= range.To)
            .GroupBy(r => r.UserId)
            .Select(g => new { All = g.Sum(r => r.AllPlays), Skips = g.Sum(r => r.Skips) })
            .SingleOrDefaultAsync(cancellationToken);

        return new Habits(selection, range, sessions.Count,
            sessions.Count == 0 ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)sessions.Average(s => (s.EndedAt - s.StartedAt).Ticks)),
            longest, plays?.All ?? 0, plays?.Skips ?? 0,
            await ArtistSkipsAsync(db, user, range, selection.IsAllTime, cancellationToken));
    }

    /// <summary>
    /// Skip rates of the most played artists (by every play), from lifetime totals or the range's plays.
    /// </summary>
    private static async Task<List<ArtistSkips>> ArtistSkipsAsync(DashboardDbContext db, QueryUser user, DayRange range,
        bool allTime,
        CancellationToken cancellationToken)
    {
        var perTrack = allTime
            ? db.ItemTotals.AsNoTracking().Where(t => t.UserId == user.UserId && t.Kind == ItemKind.Track)
                .Select(t => new { TrackId = t.ItemId, All = t.AllPlays, t.Skips })
            : db.Plays.AsNoTracking()
                .Where(p => p.UserId == user.UserId && p.LocalDate >= range.From && p.LocalDate <= range.To
                    && p.TrackId != null)
                .GroupBy(p => p.TrackId!.Value)
                .Select(g => new
                {
                    TrackId = g.Key,
                    All = g.Count(),
                    Skips = g.Count(p => p.Skipped == true || (p.Skipped == null && p.ReasonEnd == "fwdbtn")),
                });
        var artists = await perTrack
            .Join(db.TrackArtists, t => t.TrackId, ta => ta.TrackId, (t, ta) => new { ta.ArtistId, t.All, t.Skips })
            .GroupBy(x => x.ArtistId)
            .Select(g => new { ArtistId = g.Key, All = g.Sum(x => x.All), Skips = g.Sum(x => x.Skips) })
            .OrderByDescending(x => x.All).ThenBy(x => x.ArtistId)
            .Take(ArtistCount)
            .Join(db.Artists, x => x.ArtistId, a => a.Id, (x, a) => new { x.ArtistId, a.Name, x.All, x.Skips })
            .ToListAsync(cancellationToken);
        return artists.OrderByDescending(a => a.All).ThenBy(a => a.ArtistId)
            .Select(a => new ArtistSkips(a.ArtistId, a.Name, a.All, a.Skips)).ToList();
    }
}
