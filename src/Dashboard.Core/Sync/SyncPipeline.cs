using Dashboard.Core.Data;
using Dashboard.Core.Formatting;
using Dashboard.Core.Spotify;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Sync;

/// <summary>How a run ended, and when to come back if Spotify asked us to wait.</summary>
public sealed record SyncOutcome(long RunId, SyncStatus Status, DateTimeOffset? RetryAt, string? Error);

/// <summary>
/// One user's sync: recently played plays, then catalogue look-ups within the request budget, the library and Spotify's
/// top items, and the figures the look-ups changed, each step recorded with its counts and errors. The steps are
/// classes of their own; this runs them in order and decides how the run ends.
/// </summary>
public sealed class SyncPipeline(
    IDbContextFactory<DashboardDbContext> dbFactory,
    RecentlyPlayedSync recentlyPlayed,
    CatalogueEnrichment enrichment,
    LibrarySync library,
    TopItemsSync topItems,
    ChangedFiguresRefresh changedFigures,
    SyncRunRecorder recorder,
    TimeProvider clock,
    ILogger<SyncPipeline> logger)
{
    public const string RecentlyPlayedStep = "recently_played";
    public const string EnrichmentStep = "enrichment";
    public const string LibraryStep = "library";
    public const string TopItemsStep = "top_items";
    public const string RollupsStep = "rollups";

    /// <summary>Why a run or step that the app's stop cut short did not finish.</summary>
    public const string StoppedError = "Stopped: the app was shutting down.";

    /// <summary>
    /// Runs every step for the user. Spotify's failures end up in the run's record, not as exceptions.
    /// </summary>
    public async Task<SyncOutcome> RunAsync(int userId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var run = await recorder.StartRunAsync(userId, trigger, cancellationToken);
        if (await PausedUntilAsync(userId, cancellationToken) is { } pausedUntil)
        {
            // Spotify asked the app to wait: whatever started this run, it does not call Spotify before then.
            return await recorder.EndRunAsync(run, SyncStatus.Rescheduled, SlowDown(pausedUntil), pausedUntil);
        }
        // What the steps change in stored tracks: the rollups step brings their plays' figures along once, after every
        // step that may change them.
        var changes = new CatalogueChanges();
        try
        {
            await StepAsync(run, RecentlyPlayedStep, () => recentlyPlayed.RunAsync(userId, changes, cancellationToken),
                cancellationToken);
            await StepAsync(run, EnrichmentStep, () => enrichment.RunAsync(userId, changes, cancellationToken),
                cancellationToken);
            await StepAsync(run, LibraryStep, () => library.RunAsync(userId, cancellationToken), cancellationToken);
            await StepAsync(run, TopItemsStep, () => topItems.RunAsync(userId, changes, cancellationToken),
                cancellationToken);
            await StepAsync(run, RollupsStep, () => changedFigures.RunAsync(userId, changes, cancellationToken),
                cancellationToken);
            return await EndCompletedRunAsync(run, cancellationToken);
        }
        catch (SpotifyRateLimitedException e)
        {
            // Whole seconds, as Spotify gives them: the pause stored and the schedule moved to it are the same instant
            // on every database (PostgreSQL keeps microseconds, not .NET's ticks).
            var resumeAt = new DateTimeOffset(
                (e.RetryAt.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond,
                TimeSpan.Zero);
            await PauseSyncAsync(userId, resumeAt.UtcDateTime);
            return await StopEarlyAsync(run, changes, SyncStatus.Rescheduled, SlowDown(resumeAt), resumeAt);
        }
        catch (SpotifySignInRequiredException)
        {
            return await StopEarlyAsync(run, changes, SyncStatus.Failed,
                "Spotify no longer accepts this sign-in. Sign in with Spotify again to resume syncing.", null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await StopEarlyAsync(run, changes, SyncStatus.Failed, $"{StoppedError} The next sync continues.",
                null);
        }
    }

    private static string SlowDown(DateTimeOffset retryAt) =>
        $"Paused: Spotify asked us to slow down; continues at {retryAt:u}.";

    /// <summary>
    /// A run whose every step completed is complete; a failed step fails it; a step the daily quota paused pauses it,
    /// and the run says until when.
    /// </summary>
    private async Task<SyncOutcome> EndCompletedRunAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var failed = run.Steps.Count(s => s.Status == SyncStatus.Failed);
        if (failed > 0)
        {
            return await recorder.EndRunAsync(run, SyncStatus.Failed,
                $"{failed} of {Figures.Count(run.Steps.Count, "step")} failed; the next sync tries " +
                $"{(failed == 1 ? "it" : "them")} again.", null);
        }
        var paused = run.Steps.Count(s => s.Status == SyncStatus.Rescheduled);
        if (paused == 0)
        {
            return await recorder.EndRunAsync(run, SyncStatus.Completed, null, null);
        }
        // Only the daily quota pauses a step of a run that ends here (a Retry-After ends the run at once), and its
        // reset is kept with the user.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var resets = await db.Users.Where(u => u.Id == run.UserId).Select(u => u.EnrichmentPausedUntil)
            .SingleAsync(cancellationToken);
        return await recorder.EndRunAsync(run, SyncStatus.Rescheduled,
            $"{paused} of {Figures.Count(run.Steps.Count, "step")} paused: the app's daily Spotify quota is spent " +
            $"until {resets:u}. {(paused == 1 ? "It runs" : "They run")} again at the next sync after that.", null);
    }

    /// <summary>
    /// Ends a run that stops before its last step. What its steps stored stays, so the figures their look-ups changed
    /// are brought along first, whatever stopped it: no page shows them stale until the next run.
    /// </summary>
    private async Task<SyncOutcome> StopEarlyAsync(SyncRun run, CatalogueChanges changes, SyncStatus status,
        string error, DateTimeOffset? retryAt)
    {
        await StepAsync(run, RollupsStep, () => changedFigures.RunAsync(run.UserId, changes, CancellationToken.None),
            CancellationToken.None);
        return await recorder.EndRunAsync(run, status, error, retryAt);
    }

    /// <summary>
    /// Runs one step and records it. Refusals and outages fail the step, not the run; a spent daily quota pauses the
    /// step (and look-ups until the quota resets), not the run; waits and sign-in problems end the run.
    /// </summary>
    private async Task StepAsync(SyncRun run, string name, Func<Task<SyncStepResult>> step,
        CancellationToken cancellationToken)
    {
        var record = await recorder.StartStepAsync(run, name, cancellationToken);
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
        catch (Exception e) when (e is SpotifyRefusedException or SpotifyUnavailableException
            or SpotifyRequestException)
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
            logger.LogWarning("Sync run {RunId}, step {Step} paused: Spotify's daily quota is spent until {ResetsAt}",
                run.Id, name, e.RetryAt);
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
            await recorder.EndStepAsync(record);
        }
    }

    /// <summary>
    /// Keeps the latest reset time Spotify gave, so that a later, shorter answer cannot cut the pause short.
    /// </summary>
    private async Task PauseEnrichmentAsync(int userId, DateTime until, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId
            && (u.EnrichmentPausedUntil == null || u.EnrichmentPausedUntil < until))
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
        var until = await db.Users.Where(u => u.Id == userId).Select(u => u.SyncPausedUntil)
            .SingleAsync(cancellationToken);
        return until > clock.GetUtcNow().UtcDateTime ? new DateTimeOffset(until.Value, TimeSpan.Zero) : null;
    }
}
