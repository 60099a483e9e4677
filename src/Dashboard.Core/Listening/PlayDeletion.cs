using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Listening;

/// <summary>
/// Deletes plays from a listener's history: one play, or every play of a range of local days. Each delete is one
/// transaction with the rollups of the days it touched and the lifetime totals (set-based SQL, however many plays);
/// the weekly charts and sessions are built after the commit, as every job that changes plays does.
/// </summary>
public class PlayDeletion(IDbContextFactory<DashboardDbContext> dbFactory, RollupService rollupService)
{
    private const string OnDays = "local_date BETWEEN @from AND @to";

    /// <summary>
    /// How many of the listener's plays the local days <paramref name="from"/> to <paramref name="to"/> hold.
    /// </summary>
    public virtual async Task<RemovedPlays> CountDaysAsync(int userId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        return await PlayRemoval.In(db, transaction, userId).CountAsync(OnDays, Days(from, to), cancellationToken);
    }

    /// <summary>Deletes one of the listener's plays; false when they have no play with that id.</summary>
    public virtual async Task<bool> DeletePlayAsync(int userId, long playId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var item = await db.Plays.Where(p => p.Id == playId && p.UserId == userId)
            .Select(p => new { p.TrackId, p.EpisodeId })
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return false;
        }
        var removal = PlayRemoval.In(db, transaction, userId);
        await removal.DeleteAsync("id = @id", [("@id", playId)], cancellationToken);
        // Only this item's totals change (and the artists', albums' or show's they add up to).
        await removal.RefreshRollupsAsync(
            [item.TrackId is { } track ? (ItemKind.Track, track) : (ItemKind.Episode, item.EpisodeId!.Value)],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await rollupService.BuildChartsAndSessionsAsync(userId, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Deletes every play of the listener's on the local days <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public virtual async Task<RemovedPlays> DeleteDaysAsync(int userId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var cache = await PlayRemoval.LargePageCacheAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removal = PlayRemoval.In(db, transaction, userId);
        var removed = await removal.DeleteAsync(OnDays, Days(from, to), cancellationToken);
        await removal.RefreshRollupsAsync(null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (removal.AnyChanged)
        {
            // The plays are gone: a stop now must not leave the charts and sessions behind them.
            await DatabaseStatistics.RefreshAsync(db, CancellationToken.None);
            await rollupService.BuildChartsAndSessionsAsync(userId, CancellationToken.None);
        }
        return removed;
    }

    private static (string, object?)[] Days(DateOnly from, DateOnly to) => [("@from", from), ("@to", to)];
}
