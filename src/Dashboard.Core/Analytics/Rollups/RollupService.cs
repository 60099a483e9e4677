using System.Data.Common;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Core.Analytics.Rollups;

/// <summary>
/// Keeps a user's derived data exact: rebuilds everything when the time zone or the play-count rule changes, and builds
/// the weekly charts and the sessions for the jobs that change the plays (imports, syncs, settings changes, rebuilds),
/// never for a page or an endpoint that reads them: reads never write.
/// </summary>
public sealed class RollupService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>A gap longer than this between two plays ends a listening session.</summary>
    public static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(10);

    /// <summary>How many places each weekly chart keeps.</summary>
    public const int ChartSize = 100;

    /// <summary>
    /// Applies a new time zone and play-count rule and recomputes everything that depends on them: the
    /// plays' local days and hours, which plays count, and every rollup. One transaction: pages keep reading
    /// the old figures until the new ones are complete.
    /// </summary>
    public async Task ChangeSettingsAsync(int userId, string timeZone, PlayCountRule rule,
        CancellationToken cancellationToken)
    {
        var zone = TimeZones.Find(timeZone)
            ?? throw new ArgumentException($"Unknown time zone '{timeZone}'.", nameof(timeZone));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.TimeZone, timeZone)
            .SetProperty(x => x.TimeZoneSetAt, clock.GetUtcNow().UtcDateTime)
            .SetProperty(x => x.PlayCountRule, rule), cancellationToken);
        var (connection, dbTransaction) = Ado(db, transaction);
        await RecomputeLocalTimesAsync(connection, dbTransaction, userId, zone, cancellationToken);
        await RebuildAsync(connection, dbTransaction, userId, rule, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await DatabaseStatistics.RefreshAsync(db, cancellationToken);
        await BuildChartsAndSessionsAsync(userId, cancellationToken);
    }

    /// <summary>Recomputes which plays count and every rollup of the user, from their plays as they are.</summary>
    public async Task RebuildAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (connection, dbTransaction) = Ado(db, transaction);
        await RebuildAsync(connection, dbTransaction, userId, user.Rule, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await DatabaseStatistics.RefreshAsync(db, cancellationToken);
        await BuildChartsAndSessionsAsync(userId, cancellationToken);
    }

    /// <summary>
    /// Users whose rollups are rebuilt at start: never built (data from before rollups existed), built by a version
    /// that still counted plays on days outside <see cref="AcceptedDates"/>, which rollups now leave out, or counted
    /// by one that counted plays of 0 ms under the every-play rule, which no rule counts now.
    /// </summary>
    public async Task<IReadOnlyList<int>> UsersToRebuildAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users
            .Where(u => (!db.RollupStates.Any(s => s.UserId == u.Id) && db.Plays.Any(p => p.UserId == u.Id))
                        || db.DailyRollups.Any(r => r.UserId == u.Id
                            && (r.LocalDate < AcceptedDates.First || r.LocalDate > AcceptedDates.Last))
                        || db.Plays.Any(p => p.UserId == u.Id && p.Counted && p.MsPlayed <= 0))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// How far the user's day rollups cover their plays, and whether charts and sessions are current.
    /// </summary>
    public async Task<RollupStatus> GetStatusAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rolledUp = db.DailyRollups.AsNoTracking().Where(r => r.UserId == userId).Select(r => r.LocalDate)
            .Distinct();
        var played = db.Plays.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.LocalDate).Distinct();
        var state = await db.RollupStates.AsNoTracking()
            .SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        return new RollupStatus(
            await rolledUp.MaxAsync(d => (DateOnly?)d, cancellationToken),
            await rolledUp.CountAsync(cancellationToken),
            await played.CountAsync(cancellationToken),
            await played.CountAsync(d => rolledUp.Contains(d), cancellationToken),
            state is null || state.ChartsVersion == state.DataVersion,
            state is null || state.SessionsVersion == state.DataVersion);
    }

    /// <summary>
    /// Builds the weekly charts and the listening sessions if the plays changed since they were last built: the last
    /// step of every job that changes a user's plays, after their commit.
    /// </summary>
    public async Task BuildChartsAndSessionsAsync(int userId, CancellationToken cancellationToken)
    {
        await BuildChartsAsync(userId, cancellationToken);
        await BuildSessionsAsync(userId, cancellationToken);
    }

    private async Task BuildChartsAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.RollupStates.AsNoTracking()
            .SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (state is null || state.ChartsVersion == state.DataVersion)
        {
            return;
        }
        var weeks = await WeeklyChartsAsync(db, userId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WeeklyCharts.Where(e => e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        db.WeeklyCharts.AddRange(weeks);
        await db.SaveChangesAsync(cancellationToken);
        // Only if nothing changed meanwhile; otherwise the job that changed the plays builds again.
        await db.RollupStates.Where(s => s.UserId == userId && s.DataVersion == state.DataVersion)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ChartsVersion, state.DataVersion), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task BuildSessionsAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.RollupStates.AsNoTracking()
            .SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (state is null || state.SessionsVersion == state.DataVersion)
        {
            return;
        }
        var zone = (await QueryUser.LoadAsync(db, userId, cancellationToken)).Zone;
        var sessions = await SessionsAsync(db, userId, zone, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ListeningSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        db.ListeningSessions.AddRange(sessions);
        await db.SaveChangesAsync(cancellationToken);
        await db.RollupStates.Where(s => s.UserId == userId && s.DataVersion == state.DataVersion)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SessionsVersion, state.DataVersion), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task RebuildAsync(DbConnection connection, DbTransaction transaction, int userId,
        PlayCountRule rule,
        CancellationToken cancellationToken)
    {
        var rollups = new RollupWriter(connection, transaction);
        await rollups.RecountAsync(userId, rule, cancellationToken);
        await rollups.RefreshDaysAsync(userId, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken);
        await rollups.RefreshItemTotalsAsync(userId, cancellationToken);
        await rollups.MarkChangedAsync(userId, cancellationToken);
    }

    /// <summary>Recomputes every play's local day, hour and weekday in <paramref name="zone"/>.</summary>
    private static async Task RecomputeLocalTimesAsync(DbConnection connection, DbTransaction transaction, int userId,
        TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var plays = new List<(long Id, DateTime PlayedAt)>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT id, played_at FROM plays WHERE user_id = @user";
            DbCommands.AddParameter(read, "@user", userId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                plays.Add((reader.GetInt64(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)));
            }
        }
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText =
            "UPDATE plays SET local_date = @date, local_hour = @hour, local_weekday = @weekday WHERE id = @id";
        var date = DbCommands.AddParameter(update, "@date", null);
        var hour = DbCommands.AddParameter(update, "@hour", null);
        var weekday = DbCommands.AddParameter(update, "@weekday", null);
        var id = DbCommands.AddParameter(update, "@id", null);
        await update.PrepareAsync(cancellationToken);
        foreach (var play in plays)
        {
            var local = LocalTime.Of(play.PlayedAt, zone);
            date.Value = local.Date;
            // Typed as the columns are (smallint on PostgreSQL), which the prepared statement holds to.
            hour.Value = (short)local.Hour;
            weekday.Value = (short)local.Weekday;
            id.Value = play.Id;
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<WeeklyChartEntry>> WeeklyChartsAsync(DashboardDbContext db, int userId,
        CancellationToken cancellationToken)
    {
        var days = await db.Plays.AsNoTracking()
            .Where(p => p.UserId == userId && p.Counted && p.TrackId != null && p.LocalDate >= AcceptedDates.First
                && p.LocalDate <= AcceptedDates.Last)
            .GroupBy(p => new { p.LocalDate, p.LocalWeekday, TrackId = p.TrackId!.Value })
            .Select(g =>
                new { g.Key.LocalDate, g.Key.LocalWeekday, g.Key.TrackId, Plays = g.Count(),
                    Ms = g.Sum(p => (long)p.MsPlayed) })
            .ToListAsync(cancellationToken);
        var trackIds = days.Select(d => d.TrackId).Distinct().ToList();
        var credits = (await db.TrackArtists.AsNoTracking()
                .Where(ta => db.Plays.Any(p => p.UserId == userId && p.TrackId == ta.TrackId))
                .Select(ta => new { ta.TrackId, ta.ArtistId })
                .ToListAsync(cancellationToken))
            .ToLookup(ta => ta.TrackId, ta => ta.ArtistId);

        var tracks = new Dictionary<(DateOnly Week, int Item), (int Plays, long Ms)>();
        var artists = new Dictionary<(DateOnly Week, int Item), (int Plays, long Ms)>();
        foreach (var day in days)
        {
            var week = day.LocalDate.AddDays(1 - day.LocalWeekday);
            Add(tracks, (week, day.TrackId), day.Plays, day.Ms);
            foreach (var artistId in credits[day.TrackId])
            {
                Add(artists, (week, artistId), day.Plays, day.Ms);
            }
        }
        _ = trackIds;
        return Rank(userId, ChartKind.Tracks, tracks).Concat(Rank(userId, ChartKind.Artists, artists)).ToList();

        static void Add(Dictionary<(DateOnly, int), (int Plays, long Ms)> totals, (DateOnly, int) key, int plays,
            long ms)
        {
            var current = totals.GetValueOrDefault(key);
            totals[key] = (current.Plays + plays, current.Ms + ms);
        }
    }

    /// <summary>
    /// Each week's top <see cref="ChartSize"/>: by plays, then listening time, then id so ties always rank alike.
    /// </summary>
    private static IEnumerable<WeeklyChartEntry> Rank(int userId, ChartKind chart,
        Dictionary<(DateOnly Week, int Item), (int Plays, long Ms)> totals) =>
        totals.GroupBy(t => t.Key.Week).SelectMany(week => week
            .OrderByDescending(t => t.Value.Plays).ThenByDescending(t => t.Value.Ms).ThenBy(t => t.Key.Item)
            .Take(ChartSize)
            .Select((t, index) => new WeeklyChartEntry
            {
                UserId = userId, Chart = chart, WeekStart = week.Key, Position = index + 1,
                ItemId = t.Key.Item, Plays = t.Value.Plays, MsPlayed = t.Value.Ms,
            }));

    private static async Task<List<ListeningSession>> SessionsAsync(DashboardDbContext db, int userId,
        TimeZoneInfo zone,
        CancellationToken cancellationToken)
    {
        var sessions = new List<ListeningSession>();
        ListeningSession? current = null;
        // Only plays on accepted days, as instants the (user, played_at, id) index orders by: the others count nowhere,
        // and a play ending in year 1 would start before the calendar does.
        var (from, to) = TimeZones.UtcBounds(AcceptedDates.First, AcceptedDates.Last, zone);
        var (first, afterLast) = (from!.Value, to!.Value);
        var plays = db.Plays.AsNoTracking()
            .Where(p => p.UserId == userId && p.PlayedAt >= first && p.PlayedAt < afterLast)
            .OrderBy(p => p.PlayedAt).ThenBy(p => p.Id)
            .Select(p =>
                new { p.PlayedAt, p.MsPlayed, Skip = p.Skipped == true
                    || (p.Skipped == null && p.ReasonEnd == "fwdbtn") })
            .AsAsyncEnumerable();
        await foreach (var play in plays.WithCancellation(cancellationToken))
        {
            var start = play.PlayedAt.AddMilliseconds(-play.MsPlayed);
            if (current is null || start - current.EndedAt > SessionGap)
            {
                current = new ListeningSession { UserId = userId, StartedAt = start, EndedAt = play.PlayedAt,
                    LocalDate = LocalTime.Of(start, zone).Date };
                sessions.Add(current);
            }
            current.EndedAt = play.PlayedAt > current.EndedAt ? play.PlayedAt : current.EndedAt;
            current.StartedAt = start < current.StartedAt ? start : current.StartedAt;
            current.Plays++;
            current.MsPlayed += play.MsPlayed;
            current.Skips += play.Skip ? 1 : 0;
        }
        return sessions;
    }

    private static (DbConnection, DbTransaction) Ado(DashboardDbContext db, IDbContextTransaction transaction) =>
        (db.Database.GetDbConnection(), transaction.GetDbTransaction());
}

/// <summary>What the day rollups cover.</summary>
/// <param name="LastDate">The latest local day with a rollup.</param>
/// <param name="Days">Local days with a rollup.</param>
/// <param name="DaysWithPlays">Local days with at least one play.</param>
/// <param name="DaysCovered">Days with plays that have their rollup.</param>
/// <param name="ChartsCurrent">The weekly charts reflect the latest plays (otherwise the job that changed them is
/// building them).</param>
/// <param name="SessionsCurrent">The listening sessions reflect the latest plays.</param>
public sealed record RollupStatus(DateOnly? LastDate, int Days, int DaysWithPlays, int DaysCovered, bool ChartsCurrent,
    bool SessionsCurrent)
{
    public bool Complete => DaysCovered == DaysWithPlays;

    /// <summary>Days with plays that have their rollup, in percent; 100 for a user without plays.</summary>
    public double Coverage => DaysWithPlays == 0 ? 100 : Math.Round(100.0 * DaysCovered / DaysWithPlays, 1);
}
