using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Imports;

/// <summary>What undoing an import takes out, as its confirmation says before anything is removed.</summary>
/// <param name="Plays">The plays the import added: these go.</param>
/// <param name="MergedPlays">
/// Plays from API sync or account data that the import only completed with its exact record: these stay, as they
/// were before the import.
/// </param>
/// <param name="FirstDay">The first local day of the plays that go; null when none do.</param>
/// <param name="LastDay">The last local day of the plays that go.</param>
public sealed record ImportUndoPreview(int ImportId, int Plays, int MergedPlays, DateOnly? FirstDay, DateOnly? LastDay);

/// <summary>What asking to undo an import came to.</summary>
public abstract record ImportUndoOutcome
{
    private ImportUndoOutcome()
    {
    }

    /// <summary>The import can be undone, and this is what undoing it would take out.</summary>
    public sealed record Possible(ImportUndoPreview Preview) : ImportUndoOutcome;

    /// <summary>The import is undone: this is what went (and what came back as it was).</summary>
    public sealed record Undone(ImportUndoPreview Removed) : ImportUndoOutcome;

    /// <summary>The import cannot be undone, for the reason given; nothing changed.</summary>
    public sealed record Refused(string Reason) : ImportUndoOutcome;

    /// <summary>No such import of the user's.</summary>
    public sealed record NotFound : ImportUndoOutcome;
}

/// <summary>
/// Undoes a completed import: the plays it added go, the synced (or account-data) plays it only completed are given
/// back as they were, and the import stays listed as <see cref="ImportStatus.Removed"/>, all in one transaction with
/// the day rollups and lifetime totals; the weekly charts and sessions are built after the commit. Deletes and rollups
/// are set-based SQL, so an import of a million plays is undone in seconds.
/// </summary>
public class ImportUndo(
    IDbContextFactory<DashboardDbContext> dbFactory,
    RollupService rollupService,
    TimeProvider clock,
    ILogger<ImportUndo> logger)
{
    /// <summary>The import's own plays: those it merged into plays that were there before are not.</summary>
    private const string AddedByImport =
        "import_id = @import AND id NOT IN (SELECT play_id FROM play_merges WHERE import_id = @import)";

    /// <summary>What undoing the import would take out, or why it cannot be undone.</summary>
    public virtual async Task<ImportUndoOutcome> PreviewAsync(int userId, int importId,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await RefusalAsync(db, userId, importId, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removal = PlayRemoval.In(db, transaction, userId);
        var added = await removal.CountAsync(AddedByImport, [("@import", importId)], cancellationToken);
        var merged = await db.PlayMerges.CountAsync(m => m.ImportId == importId, cancellationToken);
        return new ImportUndoOutcome.Possible(
            new ImportUndoPreview(importId, added.Plays, merged, added.FirstDay, added.LastDay));
    }

    /// <summary>Undoes the user's completed import; refuses one running, one never completed, one undone.</summary>
    public virtual async Task<ImportUndoOutcome> UndoAsync(int userId, int importId,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var cache = await PlayRemoval.LargePageCacheAsync(db, cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed with a conditional update, so two undos at once cannot both run.
        var claimed = await db.Imports
            .Where(i => i.Id == importId && i.UserId == userId && i.Status == ImportStatus.Completed
                && (i.MergesKept || i.Merged == 0))
            .ExecuteUpdateAsync(i => i
                .SetProperty(x => x.Status, ImportStatus.Removed)
                .SetProperty(x => x.RemovedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefusalAsync(db, userId, importId, cancellationToken) ?? new ImportUndoOutcome.NotFound();
        }

        var removal = PlayRemoval.In(db, transaction, userId);
        (string, object?)[] import = [("@import", importId)];
        var removed = await removal.DeleteAsync(AddedByImport, import, cancellationToken);
        var restored = await RestoreMergedPlaysAsync(db, removal, user, importId, cancellationToken);
        // The merges this import made are undone; those of plays whose earlier record it brought (account data a later
        // export completed) can no longer be: undoing that later import will take the play out whole.
        await using (var forget = removal.Command(
                         "DELETE FROM play_merges WHERE import_id = @import OR previous_import_id = @import", import))
        {
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }
        await removal.RefreshRollupsAsync(null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Import {ImportId} was undone: {Removed} plays removed, {Restored} merged plays back",
            importId, removed.Plays, restored);

        // The plays are gone: a stop now must not leave the charts and sessions behind them.
        await DatabaseStatistics.RefreshAsync(db, CancellationToken.None);
        await rollupService.BuildChartsAndSessionsAsync(userId, CancellationToken.None);
        return new ImportUndoOutcome.Undone(
            new ImportUndoPreview(importId, removed.Plays, restored, removed.FirstDay, removed.LastDay));
    }

    /// <summary>
    /// Gives the plays this import merged its records into back as they were before, in the listener's zone and rule of
    /// today; a play that another now stands for (same item, same time) goes instead. One statement per play, as each
    /// play's local day comes from .NET's time zones; an import merges at most the plays that were synced before it.
    /// </summary>
    /// <returns>How many plays came back.</returns>
    private static async Task<int> RestoreMergedPlaysAsync(DashboardDbContext db, PlayRemoval removal, QueryUser user,
        int importId, CancellationToken cancellationToken)
    {
        var merges = await db.PlayMerges.AsNoTracking()
            .Where(m => m.ImportId == importId)
            .Join(db.Plays.Where(p => p.UserId == user.UserId), m => m.PlayId, p => p.Id,
                (m, p) => new { Merge = m, p.LocalDate, p.TrackId, p.EpisodeId })
            .ToListAsync(cancellationToken);
        if (merges.Count == 0)
        {
            return 0;
        }
        await using var restore = removal.Command("""
            UPDATE plays SET played_at = @played_at, ms_played = @ms, content_type = @type, source = @source,
                import_id = @previous_import, platform = @platform, country = @country, reason_start = @reason_start,
                reason_end = @reason_end, shuffle = @shuffle, skipped = @skipped, offline = @offline,
                offline_at = @offline_at, incognito = @incognito, local_date = @local_date, local_hour = @local_hour,
                local_weekday = @local_weekday
            WHERE id = @id AND NOT EXISTS (
                SELECT 1 FROM plays other
                WHERE other.user_id = @user AND other.id <> @id AND other.played_at = @played_at
                  AND (other.track_id = @track OR other.episode_id = @episode))
            """, Parameters("@played_at", "@ms", "@type", "@source", "@previous_import", "@platform", "@country",
            "@reason_start", "@reason_end", "@shuffle", "@skipped", "@offline", "@offline_at", "@incognito",
            "@local_date", "@local_hour", "@local_weekday", "@id", "@track", "@episode"));
        await using var drop = removal.Command("DELETE FROM plays WHERE id = @id", Parameters("@id"));
        var restored = 0;
        foreach (var (merge, day, track, episode) in merges.Select(m => (m.Merge, m.LocalDate, m.TrackId, m.EpisodeId)))
        {
            var local = LocalTime.Of(merge.PlayedAt, user.Zone);
            removal.Changed(day);
            removal.Changed(local.Date);
            var p = restore.Parameters;
            p["@played_at"].Value = merge.PlayedAt;
            p["@ms"].Value = merge.MsPlayed;
            p["@type"].Value = (int)merge.ContentType;
            p["@source"].Value = (int)merge.Source;
            p["@previous_import"].Value = (object?)merge.PreviousImportId ?? DBNull.Value;
            p["@platform"].Value = (object?)merge.Platform ?? DBNull.Value;
            p["@country"].Value = (object?)merge.Country ?? DBNull.Value;
            p["@reason_start"].Value = (object?)merge.ReasonStart ?? DBNull.Value;
            p["@reason_end"].Value = (object?)merge.ReasonEnd ?? DBNull.Value;
            p["@shuffle"].Value = (object?)merge.Shuffle ?? DBNull.Value;
            p["@skipped"].Value = (object?)merge.Skipped ?? DBNull.Value;
            p["@offline"].Value = (object?)merge.Offline ?? DBNull.Value;
            p["@offline_at"].Value = (object?)merge.OfflineAt ?? DBNull.Value;
            p["@incognito"].Value = (object?)merge.Incognito ?? DBNull.Value;
            p["@local_date"].Value = local.Date;
            // Typed as the columns are (smallint on PostgreSQL).
            p["@local_hour"].Value = (short)local.Hour;
            p["@local_weekday"].Value = (short)local.Weekday;
            p["@id"].Value = merge.PlayId;
            p["@track"].Value = (object?)track ?? DBNull.Value;
            p["@episode"].Value = (object?)episode ?? DBNull.Value;
            if (await restore.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                restored++;
                continue;
            }
            drop.Parameters["@id"].Value = merge.PlayId;
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        // Whether each counts follows its length as it is again.
        await using var recount = removal.Command($"""
            UPDATE plays SET counted = {RollupWriter.CountedExpression(user.Rule)}
            WHERE user_id = @user AND id IN (SELECT play_id FROM play_merges WHERE import_id = @import)
            """, [("@import", importId)]);
        await recount.ExecuteNonQueryAsync(cancellationToken);
        return restored;
    }

    private static (string, object?)[] Parameters(params string[] names) => [.. names.Select(n => (n, (object?)null))];

    /// <summary>Why the import cannot be undone, or not found; null when it can be.</summary>
    private static async Task<ImportUndoOutcome?> RefusalAsync(DashboardDbContext db, int userId, int importId,
        CancellationToken cancellationToken)
    {
        var import = await db.Imports.Where(i => i.Id == importId && i.UserId == userId)
            .Select(i => new { i.Status, i.MergesKept, i.Merged }).SingleOrDefaultAsync(cancellationToken);
        return import switch
        {
            null => new ImportUndoOutcome.NotFound(),
            { Status: ImportStatus.Pending or ImportStatus.Running } => new ImportUndoOutcome.Refused(
                "This import is still running. Wait for it to end, or cancel it, before undoing it."),
            { Status: ImportStatus.Removed } => new ImportUndoOutcome.Refused(
                "This import was undone already: the plays it added are gone."),
            { Status: not ImportStatus.Completed } => new ImportUndoOutcome.Refused(
                "This import did not complete, so it added no plays: there is nothing to undo."),
            { MergesKept: false, Merged: > 0 } => new ImportUndoOutcome.Refused(
                "This import was made before Dashboard kept what an import changes in the plays it completes, so "
                + $"undoing it would also delete the {Figures.Count(import.Merged, "play")} it completed, which were "
                + "there before it. It stays as it is; History can delete plays by day."),
            _ => null,
        };
    }
}
