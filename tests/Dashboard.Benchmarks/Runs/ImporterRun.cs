using System.Diagnostics;
using Dashboard.Benchmarks.Export;
using Dashboard.Core.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Runs;

/// <summary>
/// One import through the app's real path in this (child) process: Core hosted and migrated, a user, an upload, the
/// job.
/// </summary>
internal static class ImporterRun
{
    /// <param name="postgres">A PostgreSQL server to run on, in a database made for this run; null for SQLite.</param>
    public static async Task<RunResult> RunAsync(GeneratedExport export, string workFolder, string? postgres = null)
    {
        await using var database = postgres is null ? null : await BenchmarkDatabase.CreateAsync(postgres);
        await using var host = await CoreHost.StartAsync(workFolder, database?.Settings);
        var userId = await host.AddUserAsync(BenchmarkListener.TimeZone);
        var service = host.Get<ImportService>();

        var upload = Stopwatch.StartNew();
        var import = await UploadAsync(service, userId, export.Files);
        var uploadSeconds = upload.Elapsed.TotalSeconds;

        var clock = Stopwatch.StartNew();
        await service.RunAsync(import.Id, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = PeakMemory.Bytes();

        await using var db = await host.DbAsync();
        var done = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == import.Id);
        if (done.Status != ImportStatus.Completed)
        {
            throw new InvalidOperationException($"The import ended {done.Status}: {done.Error}");
        }
        if (database is not null)
        {
            return new RunResult(ImportPath.ImporterPostgres, seconds, done.RecordsRead, done.Inserted, peak,
                DatabaseContents.ReadPostgres(database.ConnectionString), uploadSeconds);
        }
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return new RunResult(ImportPath.Importer, seconds, done.RecordsRead, done.Inserted, peak,
            DatabaseContents.Read(file), uploadSeconds);
    }

    public static async Task<Import> UploadAsync(ImportService service, int userId, IReadOnlyList<string> files)
    {
        var streams = files.Select(File.OpenRead).ToList();
        try
        {
            var incoming = files.Zip(streams, (file, stream) => new IncomingFile(Path.GetFileName(file), stream))
                .ToList();
            return await service.CreateAsync(userId, incoming.ToAsyncEnumerable(), CancellationToken.None);
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }
}
