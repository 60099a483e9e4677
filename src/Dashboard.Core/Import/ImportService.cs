using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Dashboard.Core.Analytics;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ImportEntity = Dashboard.Core.Import.Import;

namespace Dashboard.Core.Import;

/// <summary>A file as it arrives in an upload.</summary>
public sealed record IncomingFile(string Name, Stream Content);

/// <summary>
/// Imports a Spotify privacy export: stores the upload, then (in a background job) reads every file as a
/// stream and writes all of its plays in one transaction, so an import either lands whole or not at all.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DataFolder dataFolder,
    ImportNotifier notifier,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<ImportService> logger)
{
    private const int BatchSize = 4_096;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Saves the uploaded files and records a pending import; the job runs it.</summary>
    public async Task<ImportEntity> CreateAsync(int userId, IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            throw new ImportFileException("Choose at least one file to import.");
        }
        var folder = dataFolder.PathOf(Path.Combine("imports", Guid.NewGuid().ToString("N")), isFolder: true);
        long total = 0;
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                await using var target = File.Create(StoredPath(folder, i));
                var buffer = new byte[81_920];
                int read;
                while ((read = await files[i].Content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > options.Value.MaxUploadBytes)
                    {
                        throw new ImportFileException(
                            $"The upload is larger than the limit of {FormatBytes(options.Value.MaxUploadBytes)} ({files[i].Name}). " +
                            "Upload the files in several imports, or ask the administrator to raise Import:MaxUploadBytes.");
                    }
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var import = new ImportEntity
        {
            UserId = userId,
            Status = ImportStatus.Pending,
            FileNames = string.Join('\n', files.Select(f => Path.GetFileName(f.Name))),
            StoragePath = folder,
            TotalBytes = total,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return import;
    }

    /// <summary>Runs a pending import to its end. Failures are recorded on the import, not thrown.</summary>
    public async Task RunAsync(int importId, CancellationToken cancellationToken)
    {
        ImportEntity import;
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            import = await db.Imports.SingleAsync(i => i.Id == importId, cancellationToken);
            if (import.Status != ImportStatus.Pending)
            {
                logger.LogInformation("Import {ImportId} is {Status}; not running it again", importId, import.Status);
                return;
            }
            import.Status = ImportStatus.Running;
            import.StartedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            connectionString = db.Database.GetConnectionString()!;
        }

        var run = new ImportRun(import);
        try
        {
            var zone = await UserZoneAsync(import.UserId, cancellationToken);
            await ImportFilesAsync(run, connectionString, zone, cancellationToken);
            run.Finish(ImportStatus.Completed, null);
            logger.LogInformation("Import {ImportId} completed: {Read} read, {Inserted} inserted, {Duplicates} duplicates, {Merged} merged, {Skipped} skipped",
                importId, run.RecordsRead, run.Inserted, run.Duplicates, run.Merged, run.Skipped);
        }
        catch (ImportFileException e)
        {
            run.Finish(ImportStatus.Failed, e.Message);
            logger.LogInformation("Import {ImportId} refused: {Reason}", importId, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            run.Finish(ImportStatus.Cancelled, "Cancelled. Nothing from this upload was kept.");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {ImportId} failed after {Records} records", importId, run.RecordsRead);
            run.Finish(ImportStatus.Failed, "The import failed unexpectedly and nothing from it was kept. Try again; if it keeps failing, the server log has the details.");
        }
        finally
        {
            TryDelete(import.StoragePath);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            db.Imports.Attach(import);
            run.ApplyTo(import, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        await notifier.PublishAsync(run.Progress(import.Status));
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
            import.Error = "The app stopped while this import was running. Nothing from it was kept; upload the files again.";
            TryDelete(import.StoragePath);
        }
        await db.SaveChangesAsync(cancellationToken);
        return interrupted.Count;
    }

    private async Task ImportFilesAsync(ImportRun run, string connectionString, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var import = run.Import;
        var uploads = import.FileNames.Split('\n')
            .Select((name, index) => new UploadedFile(name, StoredPath(import.StoragePath, index)))
            .ToList();
        using var sources = ExportSources.Open(uploads, ZipLimits.Default);
        run.Ignored = sources.Ignored;
        run.BytesTotal = sources.TotalBytes;

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        // BEGIN IMMEDIATE: take the write lock now rather than fail to upgrade halfway through.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            System.Data.IsolationLevel.Serializable, cancellationToken);
        using var writer = new SqlitePlayWriter(connection, transaction, import.UserId, import.Id, zone);
        writer.LoadMergeCandidates();

        // Parsing runs on its own thread while this one writes; the bounded channel keeps memory flat.
        var batches = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadAllAsync(sources.Files, batches.Writer, cancellationToken), cancellationToken);
        var lastPublished = Stopwatch.StartNew();
        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
        {
            foreach (var (record, source) in batch.Records)
            {
                run.Count(record, record.Play is { } play ? writer.Write(play, source) : null);
            }
            run.BytesDone = batch.BytesDone;
            run.CurrentFile = batch.File;
            if (lastPublished.Elapsed >= ProgressInterval)
            {
                await notifier.PublishAsync(run.Progress(ImportStatus.Running));
                lastPublished.Restart();
            }
        }
        await reading;
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ReadAllAsync(List<ExportSource> files, ChannelWriter<RecordBatch> output, CancellationToken cancellationToken)
    {
        try
        {
            long bytesBefore = 0;
            foreach (var file in files)
            {
                var source = file.Kind is ExportFileKind.ExtendedAudio or ExportFileKind.ExtendedVideo
                    ? PlaySource.ExtendedHistory
                    : PlaySource.AccountData;
                await using var stream = file.Open();
                var batch = new List<(ReadRecord, PlaySource)>(BatchSize);
                await foreach (var record in ExportReader.ReadAsync(stream, file.Kind, file.Name, cancellationToken))
                {
                    batch.Add((record, source));
                    if (batch.Count == BatchSize)
                    {
                        await output.WriteAsync(new RecordBatch(batch, file.Name, bytesBefore + stream.Position), cancellationToken);
                        batch = new List<(ReadRecord, PlaySource)>(BatchSize);
                    }
                }
                bytesBefore += file.Length;
                await output.WriteAsync(new RecordBatch(batch, file.Name, bytesBefore), cancellationToken);
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    private async Task<TimeZoneInfo> UserZoneAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await Listener.LoadAsync(db, userId, cancellationToken)).Zone;
    }

    private static string StoredPath(string folder, int index) => Path.Combine(folder, $"{index:D3}.upload");

    private void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete the uploaded files in {Folder}", folder);
        }
    }

    private static string FormatBytes(long bytes) =>
        bytes >= 1024L * 1024 * 1024 ? $"{bytes / (1024.0 * 1024 * 1024):0.#} GB" : $"{bytes / (1024.0 * 1024):0.#} MB";

    private sealed record RecordBatch(List<(ReadRecord Record, PlaySource Source)> Records, string File, long BytesDone);

    /// <summary>The counts of one run, kept apart from the entity until the end.</summary>
    private sealed class ImportRun(ImportEntity import)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);
        private DateTime? _first;
        private DateTime? _last;
        private ImportStatus _status;
        private string? _error;

        public ImportEntity Import => import;
        public List<string> Ignored { get; set; } = [];
        public long BytesTotal { get; set; }
        public long BytesDone { get; set; }
        public string? CurrentFile { get; set; }
        public int RecordsRead { get; private set; }
        public int Inserted { get; private set; }
        public int Duplicates { get; private set; }
        public int Merged { get; private set; }
        public int Skipped { get; private set; }

        public void Count(ReadRecord record, WriteOutcome? outcome)
        {
            RecordsRead++;
            if (record.Play is { } play)
            {
                _first = _first is { } f && f <= play.PlayedAt ? f : play.PlayedAt;
                _last = _last is { } l && l >= play.PlayedAt ? l : play.PlayedAt;
            }
            switch (outcome)
            {
                case WriteOutcome.Inserted: Inserted++; break;
                case WriteOutcome.Duplicate: Duplicates++; break;
                case WriteOutcome.Merged: Merged++; break;
                default:
                    Skipped++;
                    var reason = record.SkipReason ?? ExportReader.NoItem;
                    _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;
                    break;
            }
        }

        public void Finish(ImportStatus status, string? error)
        {
            _status = status;
            _error = error;
        }

        public ImportProgress Progress(ImportStatus status) => new(
            import.Id, import.UserId, status, CurrentFile, BytesDone, BytesTotal, RecordsRead, Inserted, Duplicates,
            Merged, Skipped, RecordsRead / Math.Max(0.001, _clock.Elapsed.TotalSeconds));

        /// <summary>Writes the outcome onto the import. Counts only stand when the transaction committed.</summary>
        public void ApplyTo(ImportEntity entity, DateTime now)
        {
            var committed = _status == ImportStatus.Completed;
            entity.Status = _status;
            entity.Error = _error;
            entity.CompletedAt = now;
            entity.RecordsRead = RecordsRead;
            entity.Inserted = committed ? Inserted : 0;
            entity.Duplicates = committed ? Duplicates : 0;
            entity.Merged = committed ? Merged : 0;
            entity.Skipped = committed ? Skipped : 0;
            entity.SkippedReasons = committed && _skipped.Count > 0 ? JsonSerializer.Serialize(_skipped) : null;
            entity.IgnoredFiles = Ignored.Count > 0 ? string.Join('\n', Ignored) : null;
            entity.FirstPlayedAt = committed ? _first : null;
            entity.LastPlayedAt = committed ? _last : null;
        }
    }
}
