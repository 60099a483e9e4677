using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Core.Sync;

/// <summary>
/// The sync's first step: the plays Spotify lists as recently played, never a gap unnoticed, never a duplicate.
/// </summary>
public sealed class RecentlyPlayedSync(IDbContextFactory<DashboardDbContext> dbFactory, SpotifyClient spotify,
    TimeProvider clock)
{
    /// <summary>
    /// Adds the plays Spotify lists since the newest it listed before (the user's cursor, which imports never move).
    /// Spotify only keeps the last 50, so a full page after the cursor means plays in between were lost: the step says
    /// so, and the export is where to find them.
    /// </summary>
    internal async Task<SyncStepResult> RunAsync(int userId, CatalogueChanges changes,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        var cursor = await db.Users.Where(u => u.Id == userId).Select(u => u.RecentlyPlayedCursor)
            .SingleAsync(cancellationToken);
        var query = cursor is { } last
            ? RecentlyPlayedQuery.PlayedAfter(new DateTimeOffset(last, TimeSpan.Zero))
            : RecentlyPlayedQuery.Latest();
        var page = await spotify.GetRecentlyPlayedAsync(userId, query, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var catalogue = new SpotifyCatalogue(db, userId, clock, changes);
        await catalogue.LoadAsync(page.Items.Select(i => i.Track).ToList(), [], [], cancellationToken);
        var added = new List<Play>();
        var matched = 0;
        var items = page.Items.OrderBy(i => i.PlayedAt).ToList();
        var tracks = new List<Track>();
        foreach (var item in items)
        {
            tracks.Add(await catalogue.UpsertTrackAsync(item.Track, cancellationToken));
        }
        await db.SaveChangesAsync(cancellationToken);
        var stored = await StoredPlaysAsync(db, userId, items, tracks, cancellationToken);
        foreach (var (item, track) in items.Zip(tracks))
        {
            var playedAt = item.PlayedAt.UtcDateTime;
            // The same play, already here from an export or an earlier sync (Spotify's and the export's times differ by
            // seconds).
            if (stored[track.Id].Any(at => at >= playedAt - PlayMatching.SyncWindow
                && at <= playedAt + PlayMatching.SyncWindow))
            {
                matched++;
                continue;
            }
            var local = LocalTime.Of(playedAt, user.Zone);
            var play = new Play
            {
                UserId = userId,
                PlayedAt = playedAt,
                // The API does not say how long a play lasted; it lists tracks played for 30 seconds or more. The
                // track's length stands in until the export, which has the real figure, replaces this record.
                MsPlayed = track.DurationMs ?? PlayCountRules.MinimumMs,
                Counted = PlayCountRules.Counts(user.Rule, track.DurationMs ?? PlayCountRules.MinimumMs,
                    track.DurationMs),
                ContentType = ContentType.Music,
                TrackId = track.Id,
                Source = PlaySource.Sync,
                ContextUri = item.Context?.Uri,
                LocalDate = local.Date,
                LocalHour = local.Hour,
                LocalWeekday = local.Weekday,
            };
            db.Plays.Add(play);
            added.Add(play);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (added.Count > 0)
        {
            await RefreshRollupsAsync(db, transaction, userId, added, cancellationToken);
        }
        // The cursor moves with the plays, in their transaction: to the newest entry Spotify listed, with a track or
        // not.
        var newest = page.Cursors?.After.UtcDateTime ?? page.Items.Max(i => (DateTime?)i.PlayedAt.UtcDateTime);
        if (newest > cursor || (cursor is null && newest is not null))
        {
            await db.Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.RecentlyPlayedCursor, newest), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        var details = new List<string> { $"{added.Count} new, {matched} already known" };
        if (page.SkippedItems > 0)
        {
            details.Add($"{Figures.Count(page.SkippedItems, "entry", "entries")} without a track left out");
        }
        if (cursor is { } since
            && MayHaveMissedPlays(page, query.Limit, new DateTimeOffset(since, TimeSpan.Zero)) is { } oldest)
        {
            details.Add(
                $"gap: more than {RecentlyPlayedQuery.MaxLimit} plays since the last sync, " +
                $"so plays between {since:u} and " +
                        $"{oldest.UtcDateTime:u} could not be fetched (Spotify keeps only the last 50); " +
                        "import your privacy export to fill it");
        }
        return new SyncStepResult(added.Count, string.Join("; ", details));
    }

    /// <summary>
    /// When each of the page's tracks was played already, as stored, around the page's span: what a listed play is
    /// matched against, read in one query.
    /// </summary>
    private static async Task<ILookup<int, DateTime>> StoredPlaysAsync(DashboardDbContext db, int userId,
        List<PlayedTrack> items,
        List<Track> tracks, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return Array.Empty<DateTime>().ToLookup(_ => 0);
        }
        var trackIds = tracks.Select(t => (int?)t.Id).Distinct().ToList();
        var from = items[0].PlayedAt.UtcDateTime - PlayMatching.SyncWindow;
        var to = items[^1].PlayedAt.UtcDateTime + PlayMatching.SyncWindow;
        var plays = await db.Plays.Where(p => p.UserId == userId && trackIds.Contains(p.TrackId) && p.PlayedAt >= from
            && p.PlayedAt <= to)
            .Select(p => new { TrackId = p.TrackId!.Value, p.PlayedAt }).ToListAsync(cancellationToken);
        return plays.ToLookup(p => p.TrackId, p => p.PlayedAt);
    }

    /// <summary>Plays shorter than this never reach recently played, so a shorter stretch cannot hide one.</summary>
    private static readonly TimeSpan ShortestListedPlay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether plays after <paramref name="cursor"/> may be missing from a page asked for with it; the oldest entry on
    /// the page when so. Spotify lists only the last 50 plays and, asked for those after a cursor, the newest of them.
    /// A page that is not full reaches back to the cursor. A full one (counting entries without a track, which are left
    /// out of the items) reaches the cursor only if its oldest play began where the cursor's play ended, with no room
    /// for a listed play in between: exactly 50 new plays. Spotify does not say how long a play lasted, so its track's
    /// length stands in; an oldest entry without a track cannot show that, and counts as a gap.
    /// </summary>
    private static DateTimeOffset? MayHaveMissedPlays(RecentlyPlayedPage page, int limit, DateTimeOffset cursor)
    {
        if (page.EntryCount < limit || page.OldestPlayedAt is not { } oldest || oldest <= cursor)
        {
            return null;
        }
        var oldestPlay = page.Items.FirstOrDefault(i => i.PlayedAt == oldest);
        var meetsCursor = oldestPlay is not null
            && oldest - TimeSpan.FromMilliseconds(oldestPlay.Track.DurationMs) < cursor + ShortestListedPlay;
        return meetsCursor ? null : oldest;
    }

    /// <summary>
    /// New plays change their days' rollups and their items' totals: refreshed in the plays' own transaction.
    /// </summary>
    private static async Task RefreshRollupsAsync(DashboardDbContext db, IDbContextTransaction transaction, int userId,
        List<Play> added,
        CancellationToken cancellationToken)
    {
        var rollups = new RollupWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        await rollups.RefreshDaysAsync(userId, added.Min(p => p.LocalDate), added.Max(p => p.LocalDate),
            cancellationToken);
        await rollups.RefreshItemTotalsAsync(userId, added.Select(p => (ItemKind.Track, p.TrackId!.Value)).ToList(),
            cancellationToken);
        await rollups.MarkChangedAsync(userId, cancellationToken);
    }
}
