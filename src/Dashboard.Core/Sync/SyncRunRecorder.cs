using Dashboard.Core.Data;
using Dashboard.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Sync;

/// <summary>
/// The record of a sync run and its steps as they happen: each start and end is stored at once and published, so the
/// Sync jobs page follows a run live and a run cut off by a stop shows how far it got.
/// </summary>
public sealed class SyncRunRecorder(
    IDbContextFactory<DashboardDbContext> dbFactory,
    SyncNotifier notifier,
    TimeProvider clock,
    ILogger<SyncRunRecorder> logger)
{
    public async Task<SyncRun> StartRunAsync(int userId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var run = new SyncRun { UserId = userId, Trigger = trigger, Status = SyncStatus.Running, CreatedAt = now,
            StartedAt = now };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new SyncUpdate(run.Id, userId, SyncStatus.Running, null));
        return run;
    }

    /// <summary>Stores a running step of the run and says so.</summary>
    public async Task<SyncStep> StartStepAsync(SyncRun run, string name, CancellationToken cancellationToken)
    {
        var record = new SyncStep { SyncRunId = run.Id, Name = name, Status = SyncStatus.Running,
            StartedAt = clock.GetUtcNow().UtcDateTime };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.SyncSteps.Add(record);
            await db.SaveChangesAsync(cancellationToken);
        }
        run.Steps.Add(record);
        await notifier.PublishAsync(new SyncUpdate(run.Id, run.UserId, SyncStatus.Running, name));
        return record;
    }

    /// <summary>Stores how a step ended, whatever stopped it.</summary>
    public async Task EndStepAsync(SyncStep record)
    {
        record.CompletedAt = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.SyncSteps.Update(record);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public async Task<SyncOutcome> EndRunAsync(SyncRun run, SyncStatus status, string? error, DateTimeOffset? retryAt)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.SyncRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.Error, error)
            .SetProperty(x => x.ItemsSynced, run.ItemsSynced)
            .SetProperty(x => x.CompletedAt, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        DashboardMetrics.SyncEnded(status, run.ItemsSynced);
        await notifier.PublishAsync(new SyncUpdate(run.Id, run.UserId, status, null));
        logger.LogInformation("Sync run {RunId} of user {UserId} ended {Status}: {Synced} plays synced", run.Id,
            run.UserId, status, run.ItemsSynced);
        return new SyncOutcome(run.Id, status, retryAt, error);
    }
}
