using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Dashboard.Core.Telemetry;

namespace Dashboard.Core.Sync;

/// <summary>How a run ended, and when to come back if Spotify asked us to wait.</summary>
public sealed record SyncOutcome(long RunId, SyncStatus Status, DateTimeOffset? RetryAt, string? Error);

/// <summary>
/// One user's sync: recently played plays (never a gap unnoticed, never a duplicate), then catalogue look-ups within
/// the request budget, the library and Spotify's top items, each step recorded with its counts and errors.
/// </summary>
public sealed class SyncService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    SpotifyClient spotify,
    SpotifyRequestBudget budget,
    SyncNotifier notifier,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncService> logger)
{
    public const string RecentlyPlayedStep = "recently_played";
    public const string EnrichmentStep = "enrichment";
    public const string LibraryStep = "library";
    public const string TopItemsStep = "top_items";
    public const string RollupsStep = "rollups";

    /// <summary>Why a run or step that the app's stop cut short did not finish.</summary>
    public const string StoppedError = "Stopped: the app was shutting down.";

    /// <summary>Runs every step for the user. Spotify's failures end up in the run's record, not as exceptions.</summary>
    public async Task<SyncOutcome> RunAsync(int userId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var run = await StartRunAsync(userId, trigger, cancellationToken);
        if (await PausedUntilAsync(userId, cancellationToken) is { } pausedUntil)
        {
            // Spotify asked the app to wait: whatever started this run, it does not call Spotify before then.
            return await EndRunAsync(run, SyncStatus.Rescheduled, SlowDown(pausedUntil), pausedUntil);
        }
        // What the steps change in stored tracks: the rollups step brings their plays' figures along once, after every
        // step that may change them.
        var changes = new CatalogueChanges();
        try
        {
            await StepAsync(run, RecentlyPlayedStep, () => SyncRecentlyPlayedAsync(userId, changes, cancellationToken), cancellationToken);
            await StepAsync(run, EnrichmentStep, () => EnrichAsync(userId, changes, cancellationToken), cancellationToken);
            await StepAsync(run, LibraryStep, () => SyncLibraryAsync(userId, cancellationToken), cancellationToken);
            await StepAsync(run, TopItemsStep, () => SyncTopItemsAsync(userId, changes, cancellationToken), cancellationToken);
            await StepAsync(run, RollupsStep, () => RefreshChangedFiguresAsync(changes, cancellationToken), cancellationToken);
            return await EndCompletedRunAsync(run, cancellationToken);
        }
        catch (SpotifyRateLimitedException e)
        {
            // Whole seconds, as Spotify gives them: the pause stored and the schedule moved to it are the same instant on
            // every database (PostgreSQL keeps microseconds, not .NET's ticks).
            var resumeAt = new DateTimeOffset(
                (e.RetryAt.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
            await PauseSyncAsync(userId, resumeAt.UtcDateTime);
            return await StopEarlyAsync(run, changes, SyncStatus.Rescheduled, SlowDown(resumeAt), resumeAt);
        }
        catch (SpotifySignInRequiredException)
        {
            return await StopEarlyAsync(run, changes, SyncStatus.Failed, "Spotify no longer accepts this sign-in. Sign in with Spotify again to resume syncing.", null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await StopEarlyAsync(run, changes, SyncStatus.Failed, $"{StoppedError} The next sync continues.", null);
        }
    }

    private static string SlowDown(DateTimeOffset retryAt) => $"Paused: Spotify asked us to slow down; continues at {retryAt:u}.";

    /// <summary>
    /// A run whose every step completed is complete; a failed step fails it; a step the daily quota paused pauses it,
    /// and the run says until when.
    /// </summary>
    private async Task<SyncOutcome> EndCompletedRunAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var failed = run.Steps.Count(s => s.Status == SyncStatus.Failed);
        if (failed > 0)
        {
            return await EndRunAsync(run, SyncStatus.Failed, $"{failed} of {run.Steps.Count} steps failed; the next sync tries them again.", null);
        }
        var paused = run.Steps.Count(s => s.Status == SyncStatus.Rescheduled);
        if (paused == 0)
        {
            return await EndRunAsync(run, SyncStatus.Completed, null, null);
        }
        // Only the daily quota pauses a step of a run that ends here (a Retry-After ends the run at once), and its reset is
        // kept with the user.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var resets = await db.Users.Where(u => u.Id == run.UserId).Select(u => u.EnrichmentPausedUntil).SingleAsync(cancellationToken);
        return await EndRunAsync(run, SyncStatus.Rescheduled,
            $"{paused} of {run.Steps.Count} steps paused: the app's daily Spotify quota is spent until {resets:u}. " +
            "They run again at the next sync after that.", null);
    }

    /// <summary>
    /// Ends a run that stops before its last step. What its steps stored stays, so the figures their look-ups changed are
    /// brought along first, whatever stopped it: no page shows them stale until the next run.
    /// </summary>
    private async Task<SyncOutcome> StopEarlyAsync(SyncRun run, CatalogueChanges changes, SyncStatus status, string error, DateTimeOffset? retryAt)
    {
        await StepAsync(run, RollupsStep, () => RefreshChangedFiguresAsync(changes, CancellationToken.None), CancellationToken.None);
        return await EndRunAsync(run, status, error, retryAt);
    }

    /// <summary>
    /// Adds the plays Spotify lists since the newest it listed before (the user's cursor, which imports never move). Spotify
    /// only keeps the last 50, so a full page after the cursor means plays in between were lost: the step says so, and
    /// the export is where to find them.
    /// </summary>
    private async Task<StepResult> SyncRecentlyPlayedAsync(int userId, CatalogueChanges changes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var listener = await Listener.LoadAsync(db, userId, cancellationToken);
        var cursor = await db.Users.Where(u => u.Id == userId).Select(u => u.RecentlyPlayedCursor).SingleAsync(cancellationToken);
        var query = cursor is { } last
            ? RecentlyPlayedQuery.PlayedAfter(new DateTimeOffset(last, TimeSpan.Zero))
            : RecentlyPlayedQuery.Latest();
        var page = await spotify.GetRecentlyPlayedAsync(userId, query, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var catalogue = new SpotifyCatalogue(db, userId, clock, changes);
        var added = new List<Play>();
        var matched = 0;
        foreach (var item in page.Items.OrderBy(i => i.PlayedAt))
        {
            var track = await catalogue.UpsertTrackAsync(item.Track, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var playedAt = item.PlayedAt.UtcDateTime;
            // The same play, already here from an export or an earlier sync (Spotify's and the export's times differ by seconds).
            if (await db.Plays.AnyAsync(p => p.UserId == userId && p.TrackId == track.Id
                                             && p.PlayedAt >= playedAt - PlayMatching.SyncWindow && p.PlayedAt <= playedAt + PlayMatching.SyncWindow,
                    cancellationToken))
            {
                matched++;
                continue;
            }
            var local = LocalTime.Of(playedAt, listener.Zone);
            var play = new Play
            {
                UserId = userId,
                PlayedAt = playedAt,
                // The API does not say how long a play lasted; it lists tracks played for 30 seconds or more. The track's
                // length stands in until the export, which has the real figure, replaces this record.
                MsPlayed = track.DurationMs ?? PlayCountRules.MinimumMs,
                Counted = PlayCountRules.Counts(listener.Rule, track.DurationMs ?? PlayCountRules.MinimumMs, track.DurationMs),
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
        // The cursor moves with the plays, in their transaction: to the newest entry Spotify listed, with a track or not.
        var newest = page.Cursors?.After.UtcDateTime ?? page.Items.Select(i => (DateTime?)i.PlayedAt.UtcDateTime).Max();
        if (newest > cursor || (cursor is null && newest is not null))
        {
            await db.Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.RecentlyPlayedCursor, newest), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        var details = new List<string> { $"{added.Count} new, {matched} already known" };
        if (page.SkippedItems > 0)
        {
            details.Add($"{page.SkippedItems} entries without a track left out");
        }
        if (cursor is { } since && MayHaveMissedPlays(page, query.Limit, new DateTimeOffset(since, TimeSpan.Zero)) is { } oldest)
        {
            details.Add($"gap: more than {RecentlyPlayedQuery.MaxLimit} plays since the last sync, so plays between {since:u} and " +
                        $"{oldest.UtcDateTime:u} could not be fetched (Spotify keeps only the last 50); import your privacy export to fill it");
        }
        return new StepResult(added.Count, string.Join("; ", details));
    }

    /// <summary>Plays shorter than this never reach recently played, so a shorter stretch cannot hide one.</summary>
    private static readonly TimeSpan ShortestListedPlay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether plays after <paramref name="cursor"/> may be missing from a page asked for with it; the oldest entry on the
    /// page when so. Spotify lists only the last 50 plays and, asked for those after a cursor, the newest of them. A page
    /// that is not full reaches back to the cursor. A full one (counting entries without a track, which are left out
    /// of the items) reaches the cursor only if its oldest play began where the cursor's play ended, with no room for a
    /// listed play in between: exactly 50 new plays. Spotify does not say how long a play lasted, so its track's length
    /// stands in; an oldest entry without a track cannot show that, and counts as a gap.
    /// </summary>
    private static DateTimeOffset? MayHaveMissedPlays(RecentlyPlayedPage page, int limit, DateTimeOffset cursor)
    {
        if (page.EntryCount < limit || page.OldestPlayedAt is not { } oldest || oldest <= cursor)
        {
            return null;
        }
        var oldestPlay = page.Items.FirstOrDefault(i => i.PlayedAt == oldest);
        var meetsCursor = oldestPlay is not null && oldest - TimeSpan.FromMilliseconds(oldestPlay.Track.DurationMs) < cursor + ShortestListedPlay;
        return meetsCursor ? null : oldest;
    }

    /// <summary>Looks tracks, then artists and albums up one at a time, most played first, within the budget.</summary>
    private async Task<StepResult> EnrichAsync(int userId, CatalogueChanges changes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pausedUntil = await db.Users.Where(u => u.Id == userId).Select(u => u.EnrichmentPausedUntil).SingleAsync(cancellationToken);
        if (pausedUntil is { } until && until > clock.GetUtcNow().UtcDateTime)
        {
            // Every look-up would be refused until the quota resets; asking would only spend the next day's calls sooner.
            return StepResult.Paused(until, $"paused: the app's daily Spotify quota is spent until {until:u}; look-ups resume then");
        }
        var catalogue = new SpotifyCatalogue(db, userId, clock, changes);
        var looked = 0;
        var refused = 0;
        var missing = 0;
        var limit = options.Value.LookupsPerRun;

        var tracks = await UnresolvedAsync<Track>(db, userId, ItemKind.Track, limit, cancellationToken);
        foreach (var candidate in tracks)
        {
            if (!budget.TryConsume(userId))
            {
                break;
            }
            looked++;
            try
            {
                var found = await spotify.GetTrackAsync(userId, candidate.SpotifyId, cancellationToken);
                if (found is null)
                {
                    await MarkNotFoundAsync(db.Tracks, candidate.Id, cancellationToken);
                    missing++;
                    continue;
                }
                await catalogue.UpsertTrackAsync(found, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (SpotifyRefusedException)
            {
                // Stays pending: a refusal is not an answer about the track, so it is asked again another time.
                refused++;
            }
        }

        // Then artists and albums together, most played first: a track look-up has given many of them their ids.
        var left = Math.Max(0, limit - looked);
        var artists = await UnresolvedAsync<Artist>(db, userId, ItemKind.Artist, left, cancellationToken);
        var albums = await UnresolvedAsync<Album>(db, userId, ItemKind.Album, left, cancellationToken);
        foreach (var candidate in artists.Concat(albums).OrderByDescending(c => c.Plays).ThenBy(c => c.Kind).ThenBy(c => c.Id).Take(left))
        {
            if (!budget.TryConsume(userId))
            {
                break;
            }
            looked++;
            try
            {
                var found = candidate.Kind == ItemKind.Artist
                    ? await spotify.GetArtistAsync(userId, candidate.SpotifyId, cancellationToken) is { } artist
                      && await catalogue.CompleteArtistAsync(artist, cancellationToken) is not null
                    : await spotify.GetAlbumAsync(userId, candidate.SpotifyId, cancellationToken) is { } album
                      && await catalogue.CompleteAlbumAsync(album, cancellationToken) is not null;
                if (!found)
                {
                    await (candidate.Kind == ItemKind.Artist
                        ? MarkNotFoundAsync(db.Artists, candidate.Id, cancellationToken)
                        : MarkNotFoundAsync(db.Albums, candidate.Id, cancellationToken));
                    missing++;
                    continue;
                }
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (SpotifyRefusedException)
            {
                // Stays pending, as a refused track does.
                refused++;
            }
        }

        var pending = await db.Tracks.CountAsync(t => t.UserId == userId && t.SpotifyId != null && t.Enrichment == EnrichmentState.Pending
                                                      && db.ItemTotals.Any(i => i.UserId == userId && i.Kind == ItemKind.Track && i.ItemId == t.Id),
            cancellationToken);
        return new StepResult(looked - refused - missing,
            $"{looked} looked up ({refused} refused, {missing} not found), {pending} tracks still to look up, {budget.Remaining(userId)} calls left this hour");
    }

    /// <summary>
    /// Playlists, saved albums and followed artists, every page of them: their artwork and ids fill in the catalogue.
    /// Playlists have no place in the data model, so they are only counted. The first page of each is always read; each
    /// further page spends one call of the request budget, and when it runs out the rest waits for the next sync.
    /// </summary>
    private async Task<StepResult> SyncLibraryAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var catalogue = new SpotifyCatalogue(db, userId, clock);
        var incomplete = new List<string>();

        var playlists = await AllPagesAsync(userId, offset => spotify.GetPlaylistsAsync(userId, SpotifyClient.MaxPageSize, offset, cancellationToken),
            "playlists", incomplete);
        var albums = await AllPagesAsync(userId, offset => spotify.GetSavedAlbumsAsync(userId, SpotifyClient.MaxPageSize, offset, cancellationToken),
            "saved albums", incomplete);
        foreach (var saved in albums)
        {
            await catalogue.UpsertAlbumAsync(saved.Album, cancellationToken);
        }

        // Followed artists page by cursor: the id of the last artist on a page.
        var followed = 0;
        string? after = null;
        do
        {
            var page = await spotify.GetFollowedArtistsAsync(userId, after, SpotifyClient.MaxPageSize, cancellationToken);
            foreach (var artist in page.Items)
            {
                await catalogue.CompleteArtistAsync(artist, cancellationToken);
            }
            followed += page.Items.Count;
            after = page.Items.Count > 0 ? page.NextAfter : null;
            if (after is not null && !budget.TryConsume(userId))
            {
                incomplete.Add($"followed artists after {followed} of {page.Total}");
                break;
            }
        }
        while (after is not null);
        await db.SaveChangesAsync(cancellationToken);

        var details = $"{playlists.Count} playlists, {albums.Count} saved albums, {followed} followed artists";
        return new StepResult(albums.Count + followed,
            incomplete.Count == 0 ? details : $"{details}; the request budget ran out before the rest of the {string.Join(", ", incomplete)}: the next sync reads them");
    }

    /// <summary>Every item of an offset-paged list, or as many as the request budget allows after the first page.</summary>
    private async Task<List<T>> AllPagesAsync<T>(int userId, Func<int, Task<SpotifyPage<T>>> fetch, string name, List<string> incomplete)
    {
        var items = new List<T>();
        while (true)
        {
            var page = await fetch(items.Count);
            items.AddRange(page.Items);
            if (page.Next is null || page.Items.Count == 0 || items.Count >= page.Total)
            {
                return items;
            }
            if (!budget.TryConsume(userId))
            {
                incomplete.Add($"{name} after {items.Count} of {page.Total}");
                return items;
            }
        }
    }

    /// <summary>Spotify's own top artists and tracks over its three ranges: more artwork, genres and lengths for the catalogue.</summary>
    private async Task<StepResult> SyncTopItemsAsync(int userId, CatalogueChanges changes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var catalogue = new SpotifyCatalogue(db, userId, clock, changes);
        var count = 0;
        foreach (var range in Enum.GetValues<SpotifyTimeRange>())
        {
            foreach (var artist in (await spotify.GetTopArtistsAsync(userId, range, SpotifyClient.MaxPageSize, 0, cancellationToken)).Items)
            {
                await catalogue.CompleteArtistAsync(artist, cancellationToken);
                count++;
            }
            foreach (var track in (await spotify.GetTopTracksAsync(userId, range, SpotifyClient.MaxPageSize, 0, cancellationToken)).Items)
            {
                await catalogue.UpsertTrackAsync(track, cancellationToken);
                count++;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return new StepResult(count, $"{count} top artists and tracks over the short, medium and long term");
    }

    /// <summary>New plays change their days' rollups and their items' totals: refreshed in the plays' own transaction.</summary>
    private static async Task RefreshRollupsAsync(DashboardDbContext db, IDbContextTransaction transaction, int userId, List<Play> added,
        CancellationToken cancellationToken)
    {
        var rollups = new RollupWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        await rollups.RefreshDaysAsync(userId, added.Min(p => p.LocalDate), added.Max(p => p.LocalDate), cancellationToken);
        await rollups.RefreshItemTotalsAsync(userId, added.Select(p => (ItemKind.Track, p.TrackId!.Value)).ToList(), cancellationToken);
        await rollups.MarkChangedAsync(userId, cancellationToken);
    }

    /// <summary>
    /// The run's last step: the plays stored before follow what the steps learnt about their tracks, once for every step.
    /// (New plays refresh their own days and totals in their transaction, so they are right as soon as they are stored.)
    /// The weekly artist charts follow at their next rebuild, after the next plays: rebuilding them here, in every sync
    /// that looks tracks up, kept the charts' rows locked while pages waited to read or rebuild them.
    /// </summary>
    private async Task<StepResult> RefreshChangedFiguresAsync(CatalogueChanges changes, CancellationToken cancellationToken)
    {
        if (changes.Recredited.Count == 0 && changes.Relengthened.Count == 0)
        {
            return new StepResult(0, "no stored track changed: the plays' rollups were refreshed with them");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recounted = await RecountAfterLengthsAsync(db, changes.Relengthened, cancellationToken);
        var recredited = await RefreshRecreditedTotalsAsync(db, changes.Recredited, recounted, cancellationToken);
        return new StepResult(recounted.Count + recredited,
            $"{changes.Relengthened.Count} tracks with a new length: plays recounted for {recounted.Count} listeners who count half a track; "
            + $"{changes.Recredited.Count} tracks credited anew: artist and album totals refreshed for {recredited} listeners");
    }

    /// <summary>The catalogue gave stored tracks other artists or another album: the artist and album totals of everyone who played them follow.</summary>
    /// <param name="recounted">Listeners whose recount refreshed every total already.</param>
    /// <returns>How many listeners' totals are refreshed.</returns>
    private static async Task<int> RefreshRecreditedTotalsAsync(DashboardDbContext db, IReadOnlyCollection<int> trackIds,
        IReadOnlyCollection<int> recounted, CancellationToken cancellationToken)
    {
        if (trackIds.Count == 0)
        {
            return 0;
        }
        var users = await db.ItemTotals.Where(t => t.Kind == ItemKind.Track && trackIds.Contains(t.ItemId))
            .Select(t => t.UserId).Distinct().ToListAsync(cancellationToken);
        foreach (var userId in users.Except(recounted))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rollups = new RollupWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction());
            await rollups.RefreshCatalogueTotalsAsync(userId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return users.Count;
    }

    /// <summary>
    /// A track's new length can change what counts under the half-the-track rule: every user with that rule who played
    /// it gets those plays recounted and their days' rollups and totals (artists' and albums' too) refreshed.
    /// </summary>
    /// <returns>The listeners whose plays were recounted.</returns>
    private static async Task<IReadOnlyCollection<int>> RecountAfterLengthsAsync(DashboardDbContext db, IReadOnlyCollection<int> trackIds,
        CancellationToken cancellationToken)
    {
        if (trackIds.Count == 0)
        {
            return [];
        }
        var affected = await db.Plays.Where(p => p.TrackId != null && trackIds.Contains(p.TrackId.Value))
            .Join(db.Users.Where(u => u.PlayCountRule == PlayCountRule.AtLeastHalf), p => p.UserId, u => u.Id, (p, u) => new { p.UserId, p.LocalDate })
            .GroupBy(x => x.UserId)
            .Select(g => new { UserId = g.Key, From = g.Min(x => x.LocalDate), To = g.Max(x => x.LocalDate) })
            .ToListAsync(cancellationToken);
        foreach (var user in affected)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rollups = new RollupWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction());
            await rollups.RecountTracksAsync(user.UserId, PlayCountRule.AtLeastHalf, trackIds, cancellationToken);
            await rollups.RefreshDaysAsync(user.UserId, user.From, user.To, cancellationToken);
            await rollups.RefreshItemTotalsAsync(user.UserId, trackIds.Select(id => (ItemKind.Track, id)).ToList(), cancellationToken);
            await rollups.MarkChangedAsync(user.UserId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return affected.Select(a => a.UserId).ToList();
    }

    private async Task<SyncRun> StartRunAsync(int userId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var run = new SyncRun { UserId = userId, Trigger = trigger, Status = SyncStatus.Running, CreatedAt = now, StartedAt = now };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new SyncUpdate(run.Id, userId, SyncStatus.Running, null));
        return run;
    }

    /// <summary>
    /// Runs one step and records it. Refusals and outages fail the step, not the run; a spent daily quota pauses the step
    /// (and look-ups until the quota resets), not the run; waits and sign-in problems end the run.
    /// </summary>
    private async Task StepAsync(SyncRun run, string name, Func<Task<StepResult>> step, CancellationToken cancellationToken)
    {
        var record = new SyncStep { SyncRunId = run.Id, Name = name, Status = SyncStatus.Running, StartedAt = clock.GetUtcNow().UtcDateTime };
        await SaveStepAsync(record, cancellationToken);
        run.Steps.Add(record);
        await notifier.PublishAsync(new SyncUpdate(run.Id, run.UserId, SyncStatus.Running, name));
        try
        {
            var result = await step();
            record.Status = result.PausedUntil is null ? SyncStatus.Completed : SyncStatus.Rescheduled;
            record.ItemsProcessed = result.Items;
            record.Details = result.Details;
            if (name == RecentlyPlayedStep)
            {
                run.ItemsSynced += result.Items;
            }
        }
        catch (Exception e) when (e is SpotifyRefusedException or SpotifyUnavailableException or SpotifyRequestException)
        {
            record.Status = SyncStatus.Failed;
            record.Error = e.Message;
            logger.LogWarning("Sync run {RunId}, step {Step} failed: {Error}", run.Id, name, e.Message);
        }
        catch (SpotifyQuotaExceededException e)
        {
            // The quota is the app's for the whole day: look-ups wait for it to reset, while the other steps go on
            // trying (each costs one refused call), so plays resume as soon as Spotify takes calls again.
            await PauseEnrichmentAsync(run.UserId, e.RetryAt.UtcDateTime, cancellationToken);
            record.Status = SyncStatus.Rescheduled;
            record.Details = $"paused: the app's daily Spotify quota is spent until {e.RetryAt.UtcDateTime:u}";
            logger.LogWarning("Sync run {RunId}, step {Step} paused: Spotify's daily quota is spent until {ResetsAt}", run.Id, name, e.RetryAt);
        }
        catch (Exception e) when (e is SpotifyRateLimitedException or SpotifySignInRequiredException)
        {
            record.Status = e is SpotifyRateLimitedException ? SyncStatus.Rescheduled : SyncStatus.Failed;
            record.Error = e.Message;
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            record.Status = SyncStatus.Failed;
            record.Error = StoppedError;
            throw;
        }
        finally
        {
            record.CompletedAt = clock.GetUtcNow().UtcDateTime;
            await SaveStepAsync(record, CancellationToken.None);
        }
    }

    /// <summary>Keeps the latest reset time Spotify gave, so that a later, shorter answer cannot cut the pause short.</summary>
    private async Task PauseEnrichmentAsync(int userId, DateTime until, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId && (u.EnrichmentPausedUntil == null || u.EnrichmentPausedUntil < until))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EnrichmentPausedUntil, until), cancellationToken);
    }

    /// <summary>Spotify asked for a long wait: every run of the user's waits for it, however it was started.</summary>
    private async Task PauseSyncAsync(int userId, DateTime until)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Users.Where(u => u.Id == userId && (u.SyncPausedUntil == null || u.SyncPausedUntil < until))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SyncPausedUntil, until), CancellationToken.None);
    }

    /// <summary>When the pause Spotify asked for ends; null when there is none now.</summary>
    private async Task<DateTimeOffset?> PausedUntilAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var until = await db.Users.Where(u => u.Id == userId).Select(u => u.SyncPausedUntil).SingleAsync(cancellationToken);
        return until > clock.GetUtcNow().UtcDateTime ? new DateTimeOffset(until.Value, TimeSpan.Zero) : null;
    }

    private async Task SaveStepAsync(SyncStep step, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (step.Id == 0)
        {
            db.SyncSteps.Add(step);
        }
        else
        {
            db.SyncSteps.Update(step);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<SyncOutcome> EndRunAsync(SyncRun run, SyncStatus status, string? error, DateTimeOffset? retryAt)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.SyncRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.Error, error)
            .SetProperty(x => x.ItemsSynced, run.ItemsSynced)
            .SetProperty(x => x.CompletedAt, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        DashboardMetrics.SyncEnded(status, run.ItemsSynced);
        await notifier.PublishAsync(new SyncUpdate(run.Id, run.UserId, status, null));
        logger.LogInformation("Sync run {RunId} of user {UserId} ended {Status}: {Synced} plays synced", run.Id, run.UserId, status, run.ItemsSynced);
        return new SyncOutcome(run.Id, status, retryAt, error);
    }

    private sealed record Unresolved(ItemKind Kind, int Id, string SpotifyId, int Plays);

    /// <summary>The user's played <paramref name="kind"/> with a Spotify id and no look-up yet, most played first.</summary>
    private static Task<List<Unresolved>> UnresolvedAsync<T>(DashboardDbContext db, int userId, ItemKind kind, int take,
        CancellationToken cancellationToken) where T : class, ICatalogueEntry =>
        db.ItemTotals.Where(t => t.UserId == userId && t.Kind == kind)
            .Join(db.Set<T>(), t => t.ItemId, e => e.Id, (t, e) => new { e.Id, e.SpotifyId, e.Enrichment, t.AllPlays })
            .Where(x => x.SpotifyId != null && x.Enrichment == EnrichmentState.Pending)
            .OrderByDescending(x => x.AllPlays).ThenBy(x => x.Id).Take(take)
            .Select(x => new Unresolved(kind, x.Id, x.SpotifyId!, x.AllPlays))
            .ToListAsync(cancellationToken);

    /// <summary>Spotify answered that it has no such item: it is not asked about again.</summary>
    private static Task<int> MarkNotFoundAsync<T>(DbSet<T> entries, int id, CancellationToken cancellationToken) where T : class, ICatalogueEntry =>
        entries.Where(e => e.Id == id).ExecuteUpdateAsync(e => e.SetProperty(x => x.Enrichment, EnrichmentState.NotFound), cancellationToken);

    /// <param name="PausedUntil">Set when the step did not run because Spotify will refuse it until then.</param>
    private sealed record StepResult(int Items, string Details, DateTime? PausedUntil = null)
    {
        public static StepResult Paused(DateTime until, string details) => new(0, details, until);
    }
}
