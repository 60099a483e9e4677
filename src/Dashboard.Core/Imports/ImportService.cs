using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Dashboard.Core.Notifications;
using Dashboard.Core.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Core.Imports;

/// <summary>
/// Imports a Spotify privacy export: stores and checks the upload, then (in a background job) reads every
/// file as a stream and writes all of its plays in one transaction, so an import lands whole or not at all.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DataFolder dataFolder,
    ImportNotifier notifier,
    ClusterChannel cluster,
    IOptions<ImportOptions> options,
    IOptions<DatabaseOptions> database,
    RollupService rollupService,
    TimeProvider clock,
    ILogger<ImportService> logger)
{
    /// <summary>The cluster channel's topic for a cancel that reaches the instance running the import.</summary>
    private const string CancelTopic = "import-cancel";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly UploadFolders _folders = new(dataFolder, logger);

    /// <summary>
    /// Saves the uploaded files, checks that they hold streaming history (refusing unsafe zips and broken
    /// files), counts their records and records a pending import for the job to run.
    /// </summary>
    /// <exception cref="ImportFileException">The upload cannot be imported; nothing was kept.</exception>
    public async Task<Import> CreateAsync(int userId, IAsyncEnumerable<IncomingFile> files,
        CancellationToken cancellationToken)
    {
        var folder = _folders.Create();
        try
        {
            var (names, totalBytes) = await UploadFolders.SaveAsync(files, folder, options.Value.MaxUploadBytes,
                cancellationToken);
            var uploads = UploadFolders.Files(folder, names);
            var recordsTotal =
                await ExportRecordCounter.CountAsync(uploads, options.Value.ZipLimits, cancellationToken);

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var import = new Import
            {
                UserId = userId,
                Status = ImportStatus.Pending,
                FileNames = string.Join('\n', names),
                StoragePath = folder,
                TotalBytes = totalBytes,
                RecordsTotal = recordsTotal,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Imports.Add(import);
            await db.SaveChangesAsync(cancellationToken);
            return import;
        }
        catch
        {
            _folders.TryDelete(folder);
            throw;
        }
    }

    /// <summary>Runs a pending import to its end. Failures are recorded on the import, not thrown.</summary>
    /// <param name="cancellationToken">Cancels the import: it rolls back and ends as cancelled.</param>
    /// <param name="appStopping">
    /// The app shutting down: the import rolls back and goes back to pending with its files, to run again
    /// after the restart.
    /// </param>
    public async Task RunAsync(int importId, CancellationToken cancellationToken,
        CancellationToken appStopping = default)
    {
        // The user's page may be open on another instance: a cancel sent there reaches this run here.
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var cancelFromElsewhere = cluster.Receive(CancelTopic, body =>
        {
            if (body == importId.ToString(CultureInfo.InvariantCulture))
            {
                cancelled.Cancel();
            }
            return Task.CompletedTask;
        });
        cancellationToken = cancelled.Token;

        Import import;
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Claimed with a conditional update, so a cancel racing the start cannot be lost.
            var claimed = await db.Imports
                .Where(i => i.Id == importId && i.Status == ImportStatus.Pending)
                .ExecuteUpdateAsync(i => i
                    .SetProperty(x => x.Status, ImportStatus.Running)
                    .SetProperty(x => x.StartedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
            if (claimed == 0)
            {
                logger.LogInformation("Import {ImportId} is no longer pending; not running it", importId);
                return;
            }
            import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId, cancellationToken);
            connectionString = db.Database.GetConnectionString()!;
        }

        var run = new ImportRun(import);
        await notifier.PublishAsync(run.Progress(ImportStatus.Running));
        using var stopOrCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, appStopping);
        try
        {
            var user = await QueryUserAsync(import.UserId, stopOrCancel.Token);
            await ImportFilesAsync(run, connectionString, user, stopOrCancel.Token);
            run.Finish(ImportStatus.Completed, null);
            logger.LogInformation(
                "Import {ImportId} completed: {Read} read, {Inserted} inserted, {Duplicates} duplicates, " +
                "{Merged} merged, {Skipped} skipped",
                importId, run.RecordsRead, run.Inserted, run.Duplicates, run.Merged, run.Skipped);
        }
        catch (ImportFileException e)
        {
            run.Finish(ImportStatus.Failed, e.Message);
            logger.LogInformation("Import {ImportId} refused: {Reason}", importId, e.Message);
        }
        catch (OperationCanceledException) when (appStopping.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            await RequeueAsync(import);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            run.Finish(ImportStatus.Cancelled, "Cancelled. Nothing from this upload was kept.");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {ImportId} failed at record {Record}", importId, run.RecordsRead + 1);
            run.Finish(ImportStatus.Failed,
                "The import failed unexpectedly and nothing from it was kept. Try again; if it keeps failing, " +
                "the server log has the details.");
        }
        _folders.TryDelete(import.StoragePath);
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            db.Imports.Attach(import);
            run.ApplyTo(import, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        DashboardMetrics.ImportEnded(import.Status, import.RecordsRead, run.Elapsed);
        await notifier.PublishAsync(run.Progress(import.Status));
    }

    /// <summary>Puts an import stopped by a shutdown back in the queue, files and all.</summary>
    private async Task RequeueAsync(Import import)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Imports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(i => i
            .SetProperty(x => x.Status, ImportStatus.Pending)
            .SetProperty(x => x.StartedAt, (DateTime?)null), CancellationToken.None);
        logger.LogInformation("Import {ImportId} was stopped by the app shutting down; it runs again after the restart",
            import.Id);
        await notifier.PublishAsync(
            new ImportProgress(import.Id, import.UserId, ImportStatus.Pending, null, import.RecordsTotal, 0, 0, 0, 0, 0,
                0));
    }

    /// <summary>
    /// An import whose instance died while it ran (a clustered job store hands the job to another instance). Its
    /// transaction died with the connection, so nothing of it is in the database: it goes back to pending, files
    /// and all, and <see cref="RunAsync"/> imports it from the start.
    /// </summary>
    public async Task ReclaimAsync(int importId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reclaimed = await db.Imports.Where(i => i.Id == importId && i.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(i => i
            .SetProperty(x => x.Status, ImportStatus.Pending)
            .SetProperty(x => x.StartedAt, (DateTime?)null), cancellationToken);
        if (reclaimed == 1)
        {
            logger.LogWarning("Import {ImportId} was running on an instance that stopped; importing it again",
                importId);
        }
    }

    /// <summary>The user's imports, newest first.</summary>
    public async Task<IReadOnlyList<ImportSummary>> ListAsync(int userId, CancellationToken cancellationToken,
        int limit = 50)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var imports = await db.Imports.AsNoTracking()
            .Where(i => i.UserId == userId)
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return imports.Select(ImportSummary.Of).ToList();
    }

    /// <summary>One of the user's imports; null when it does not exist or is someone else's.</summary>
    public async Task<ImportSummary?> GetAsync(int userId, int importId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var import = await db.Imports.AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == importId && i.UserId == userId, cancellationToken);
        return import is null ? null : ImportSummary.Of(import);
    }

    /// <summary>
    /// Cancels a pending import of the user's; says so when it is running (the job must be interrupted).
    /// </summary>
    public async Task<CancelOutcome> CancelAsync(int userId, int importId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cancelled = await db.Imports
            .Where(i => i.Id == importId && i.UserId == userId && i.Status == ImportStatus.Pending)
            .ExecuteUpdateAsync(i => i
                .SetProperty(x => x.Status, ImportStatus.Cancelled)
                .SetProperty(x => x.CompletedAt, clock.GetUtcNow().UtcDateTime)
                .SetProperty(x => x.Error, "Cancelled before it started. Nothing from this upload was kept."),
                    cancellationToken);
        if (cancelled == 1)
        {
            var folder = await db.Imports.Where(i => i.Id == importId).Select(i => i.StoragePath)
                .SingleAsync(cancellationToken);
            _folders.TryDelete(folder);
            return CancelOutcome.Cancelled;
        }
        var status = await db.Imports.Where(i => i.Id == importId && i.UserId == userId)
            .Select(i => (ImportStatus?)i.Status).SingleOrDefaultAsync(cancellationToken);
        if (status == ImportStatus.Running)
        {
            // The caller stops it if it runs here; if it runs on another instance, that one does.
            await cluster.SendToOthersAsync(CancelTopic, importId.ToString(CultureInfo.InvariantCulture));
        }
        return status switch
        {
            null => CancelOutcome.NotFound,
            ImportStatus.Running => CancelOutcome.Running,
            _ => CancelOutcome.AlreadyEnded,
        };
    }

    /// <summary>Imports waiting to run, oldest first: after a restart they are scheduled again.</summary>
    public async Task<IReadOnlyList<int>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Imports.Where(i => i.Status == ImportStatus.Pending).OrderBy(i => i.Id).Select(i => i.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Marks imports that were running when the app stopped. Their transaction never committed, so the
    /// database holds nothing of them.
    /// </summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var interrupted = await db.Imports.Where(i => i.Status == ImportStatus.Running).ToListAsync(cancellationToken);
        foreach (var import in interrupted)
        {
            import.Status = ImportStatus.Interrupted;
            import.CompletedAt = now;
            import.Error =
                "The app stopped while this import was running. Nothing from it was kept; upload the files again.";
            _folders.TryDelete(import.StoragePath);
        }
        await db.SaveChangesAsync(cancellationToken);
        return interrupted.Count;
    }

    /// <summary>
    /// Deletes the upload folders that no waiting or running import owns: an upload cut short by a crash (its files
    /// saved, its import never recorded), or files whose delete failed.
    /// </summary>
    /// <param name="untouchedFor">
    /// How long a folder must have gone unwritten. Zero where no upload can be arriving (a single instance, at its
    /// start); in a cluster another instance may be receiving an upload right now, which has no import yet but keeps
    /// writing to its folder.
    /// </param>
    /// <returns>How many folders were deleted.</returns>
    public async Task<int> DeleteLeftoverUploadsAsync(TimeSpan untouchedFor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owned = await db.Imports.Where(i => i.Status == ImportStatus.Pending || i.Status == ImportStatus.Running)
            .Select(i => i.StoragePath).ToListAsync(cancellationToken);
        return _folders.DeleteAllBut(owned.Select(UploadFolders.NameOf).ToHashSet(StringComparer.Ordinal),
            clock.GetUtcNow().UtcDateTime - untouchedFor);
    }

    private async Task ImportFilesAsync(ImportRun run, string connectionString, QueryUser user,
        CancellationToken cancellationToken)
    {
        var import = run.Import;
        using var sources = ExportSources.Open(UploadFolders.Files(import.StoragePath, import.FileNames.Split('\n')),
            options.Value.ZipLimits);
        run.Ignored = sources.Ignored;

        await using var connection =
            await ImportConnection.OpenAsync(database.Value.Provider, connectionString, cancellationToken);
        await using var transaction = connection is SqliteConnection
            // BEGIN IMMEDIATE: take SQLite's write lock now rather than fail to upgrade halfway through.
            ? await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken)
            : await connection.BeginTransactionAsync(cancellationToken);
        using PlayWriter writer = connection switch
        {
            SqliteConnection sqlite =>
                new SqlitePlayWriter(sqlite, (SqliteTransaction)transaction, import.UserId, import.Id,
                user.Zone, user.Rule, run.Written),
            NpgsqlConnection postgres =>
                new PostgresPlayWriter(postgres, (NpgsqlTransaction)transaction, import.UserId, import.Id,
                user.Zone, user.Rule, run.Written),
            _ => throw new NotSupportedException($"No import path for {connection.GetType().Name}."),
        };
        writer.LoadMergeCandidates();

        // Parsing runs on its own thread while this one writes; the bounded channel keeps memory flat.
        var batches = RecordBatch.Channel();
        var latestExclusive = PlayBounds.LatestExclusive(clock);
        var reading = Task.Run(() =>
            RecordBatch.ReadAllAsync(sources.Files, latestExclusive, batches.Writer, cancellationToken),
            cancellationToken);
        var lastPublished = Stopwatch.StartNew();
        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
        {
            foreach (var (record, source) in batch.Records)
            {
                if (record.Play is { } play)
                {
                    writer.Write(play, source);
                }
                run.Count(record);
            }
            run.CurrentFile = batch.File;
            if (lastPublished.Elapsed >= ProgressInterval)
            {
                await notifier.PublishAsync(run.Progress(ImportStatus.Running));
                lastPublished.Restart();
            }
        }
        await reading;
        cancellationToken.ThrowIfCancellationRequested();
        writer.FlushPlays();

        // Rollups change in the same commit as the plays, so no page ever reads them stale.
        if (writer.ChangedDays is var (from, to))
        {
            if (connection is SqliteConnection)
            {
                // SQLite lets each sort of the rollups' GROUP BYs hold as much memory as the page cache, on top of the
                // cache; at SQLite's default (2,000 KiB) they spill to temporary files instead, in about the same time.
                await using var pragma = connection.CreateCommand();
                pragma.Transaction = transaction;
                pragma.CommandText = "PRAGMA cache_size=-2000";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            var rollups = new RollupWriter(connection, transaction);
            if (user.Rule == PlayCountRule.AtLeastHalf)
            {
                await rollups.RecountImportAsync(import.UserId, import.Id, user.Rule, cancellationToken);
            }
            await rollups.RefreshDaysAsync(import.UserId, from, to, cancellationToken);
            await rollups.RefreshItemTotalsAsync(import.UserId, cancellationToken);
            await rollups.MarkChangedAsync(import.UserId, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await DatabaseStatistics.RefreshAsync(connection, cancellationToken);
        if (writer.ChangedDays is not null)
        {
            // The plays are in: a stop now must not take the import for unfinished, and no page builds the charts and
            // sessions, so they are built here, to the end.
            await rollupService.BuildChartsAndSessionsAsync(import.UserId, CancellationToken.None);
        }
    }

    private async Task<QueryUser> QueryUserAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await QueryUser.LoadAsync(db, userId, cancellationToken);
    }
}
