using Dashboard.Core.Analytics;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>
/// Which of a user's sync runs to list. <see cref="From"/> and <see cref="To"/> are local days, both included.
/// </summary>
public sealed record SyncRunQuery(
    int Page = 1,
    int PageSize = 20,
    SyncStatus? Status = null,
    SyncTrigger? Trigger = null,
    DateOnly? From = null,
    DateOnly? To = null);

/// <summary>One step of a run as the Sync jobs page and the API show it.</summary>
public sealed record SyncStepSummary(
    string Name,
    SyncStatus Status,
    int ItemsProcessed,
    string? Details,
    string? Error,
    DateTime? StartedAt,
    DateTime? CompletedAt)
{
    public TimeSpan? Duration => StartedAt is { } started && CompletedAt is { } completed ? completed - started : null;
}

/// <summary>One sync run with its steps, in the order they ran.</summary>
public sealed record SyncRunSummary(
    long Id,
    SyncTrigger Trigger,
    SyncStatus Status,
    int ItemsSynced,
    string? Error,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    IReadOnlyList<SyncStepSummary> Steps)
{
    public TimeSpan? Duration => StartedAt is { } started && CompletedAt is { } completed ? completed - started : null;
}

/// <summary>A user's sync runs counted by how they ended.</summary>
/// <param name="ItemsSynced">Plays added by every run, including runs that failed later on.</param>
/// <param name="LastSuccessAt">When the last run that completed ended; null before the first.</param>
public sealed record SyncRunStats(
    int Total,
    int Completed,
    int Failed,
    int Running,
    int Rescheduled,
    long ItemsSynced,
    DateTime? LastSuccessAt);

/// <summary>A user's sync runs and their steps, newest first; only ever the user's own.</summary>
public class SyncRuns(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// The record a run cut off by its app stopping keeps: the next sync continues from the same cursor.
    /// </summary>
    public const string StoppedError = "The app stopped during this sync; the next one continues where it left off.";

    /// <summary>
    /// Ends the runs that never ended because their app stopped: every user's when this app is the only one (at
    /// start), or one user's when another instance takes over the sync of an instance that died.
    /// </summary>
    public async Task EndStoppedRunsAsync(int? userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SyncRuns.Where(r => (userId == null || r.UserId == userId)
            && (r.Status == SyncStatus.Running || r.Status == SyncStatus.Pending))
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Status, SyncStatus.Failed)
                .SetProperty(x => x.Error, StoppedError)
                .SetProperty(x => x.CompletedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    public virtual async Task<PagedList<SyncRunSummary>> GetPageAsync(int userId, SyncRunQuery query,
        CancellationToken cancellationToken)
    {
        var (page, size, skip) = PagedList<SyncRunSummary>.Clamp(query.Page, query.PageSize, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.UserId == userId);
        if (query.Status is { } status)
        {
            runs = runs.Where(r => r.Status == status);
        }
        if (query.Trigger is { } trigger)
        {
            runs = runs.Where(r => r.Trigger == trigger);
        }
        if (query.From is not null || query.To is not null)
        {
            var (start, end) = TimeZones.UtcBounds(query.From, query.To,
                (await QueryUser.LoadAsync(db, userId, cancellationToken)).Zone);
            runs = start is { } after ? runs.Where(r => r.CreatedAt >= after) : runs;
            runs = end is { } before ? runs.Where(r => r.CreatedAt < before) : runs;
        }

        var total = await runs.CountAsync(cancellationToken);
        var rows = await runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip(skip).Take(size)
            .Select(r =>
                new { r.Id, r.Trigger, r.Status, r.ItemsSynced, r.Error, r.CreatedAt, r.StartedAt, r.CompletedAt })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var steps = (await db.SyncSteps.AsNoTracking().Where(s => ids.Contains(s.SyncRunId))
                .OrderBy(s => s.Id)
                .Select(s =>
                    new { s.SyncRunId,
                        Step = new SyncStepSummary(s.Name, s.Status, s.ItemsProcessed, s.Details, s.Error, s.StartedAt,
                            s.CompletedAt) })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.SyncRunId, s => s.Step);
        var items = rows.Select(r =>
            new SyncRunSummary(r.Id, r.Trigger, r.Status, r.ItemsSynced, r.Error, r.CreatedAt, r.StartedAt,
            r.CompletedAt, steps[r.Id].ToList())).ToList();
        return new PagedList<SyncRunSummary>(items, total, page, size);
    }

    public virtual async Task<SyncRunStats> GetStatsAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.UserId == userId);
        var byStatus = await runs.GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Runs = g.Count(), Items = g.Sum(r => (long)r.ItemsSynced) })
            .ToListAsync(cancellationToken);
        var lastSuccess = await runs.Where(r => r.Status == SyncStatus.Completed)
            .MaxAsync(r => r.CompletedAt, cancellationToken);
        int Count(SyncStatus status) => byStatus.Where(s => s.Status == status).Sum(s => s.Runs);
        return new SyncRunStats(
            byStatus.Sum(s => s.Runs),
            Count(SyncStatus.Completed),
            Count(SyncStatus.Failed),
            Count(SyncStatus.Running) + Count(SyncStatus.Pending),
            Count(SyncStatus.Rescheduled),
            byStatus.Sum(s => s.Items),
            lastSuccess);
    }
}
