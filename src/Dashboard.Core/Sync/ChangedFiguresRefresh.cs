using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Core.Sync;

/// <summary>
/// The sync's rollups step: stored plays follow what the other steps learnt about their tracks, and the weekly charts
/// and sessions of every listener whose plays changed are built, so that the pages only read them.
/// </summary>
public sealed class ChangedFiguresRefresh(IDbContextFactory<DashboardDbContext> dbFactory, RollupService rollupService)
{
    /// <summary>
    /// The run's last step: the plays stored before follow what the steps learnt about their tracks, once for every
    /// step. (New plays refresh their own days and totals in their transaction, so they are right as soon as they are
    /// stored.) Then the charts and sessions of the syncing listener and of every listener recounted here are built if
    /// their plays changed. A track credited anew changes no play: the weekly artist charts follow at the next build,
    /// after the next plays, so a sync that only looks tracks up does not rebuild every chart of everyone who played
    /// them.
    /// </summary>
    internal async Task<SyncStepResult> RunAsync(int userId, CatalogueChanges changes,
        CancellationToken cancellationToken)
    {
        var (result, recounted) = await RefreshAsync(changes, cancellationToken);
        foreach (var listener in recounted.Prepend(userId).Distinct())
        {
            await rollupService.BuildChartsAndSessionsAsync(listener, cancellationToken);
        }
        return result;
    }

    private async Task<(SyncStepResult Result, IReadOnlyCollection<int> Recounted)> RefreshAsync(
        CatalogueChanges changes,
        CancellationToken cancellationToken)
    {
        if (changes.Recredited.Count == 0 && changes.Relengthened.Count == 0)
        {
            return (new SyncStepResult(0, "no stored track changed: the plays' rollups were refreshed with them"), []);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recounted = await RecountAfterLengthsAsync(db, changes.Relengthened, cancellationToken);
        var recredited = await RefreshRecreditedTotalsAsync(db, changes.Recredited, recounted, cancellationToken);
        return (new SyncStepResult(recounted.Count + recredited,
            $"{Figures.Count(changes.Relengthened.Count, "track")} with a new length: plays recounted for " +
            $"{Figures.Count(recounted.Count, "listener")} counting half a track; " +
            $"{Figures.Count(changes.Recredited.Count, "track")} credited anew: artist and album totals " +
            $"refreshed for {Figures.Count(recredited, "listener")}"), recounted);
    }

    /// <summary>
    /// The catalogue gave stored tracks other artists or another album: the artist and album totals of everyone who
    /// played them follow.
    /// </summary>
    /// <param name="recounted">Listeners whose recount refreshed every total already.</param>
    /// <returns>How many listeners' totals are refreshed.</returns>
    private static async Task<int> RefreshRecreditedTotalsAsync(DashboardDbContext db,
        IReadOnlyCollection<int> trackIds,
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
    private static async Task<IReadOnlyCollection<int>> RecountAfterLengthsAsync(DashboardDbContext db,
        IReadOnlyCollection<int> trackIds,
        CancellationToken cancellationToken)
    {
        if (trackIds.Count == 0)
        {
            return [];
        }
        var affected = await db.Plays.Where(p => p.TrackId != null && trackIds.Contains(p.TrackId.Value))
            .Join(db.Users.Where(u => u.PlayCountRule == PlayCountRule.AtLeastHalf), p => p.UserId, u => u.Id,
                (p, u) => new { p.UserId, p.LocalDate })
            .GroupBy(x => x.UserId)
            .Select(g => new { UserId = g.Key, From = g.Min(x => x.LocalDate), To = g.Max(x => x.LocalDate) })
            .ToListAsync(cancellationToken);
        foreach (var user in affected)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rollups = new RollupWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction());
            await rollups.RecountTracksAsync(user.UserId, PlayCountRule.AtLeastHalf, trackIds, cancellationToken);
            await rollups.RefreshDaysAsync(user.UserId, user.From, user.To, cancellationToken);
            await rollups.RefreshItemTotalsAsync(user.UserId, trackIds.Select(id => (ItemKind.Track, id)).ToList(),
                cancellationToken);
            await rollups.MarkChangedAsync(user.UserId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return affected.Select(a => a.UserId).ToList();
    }
}
