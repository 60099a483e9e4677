using System.Diagnostics;
using System.Globalization;
using Dashboard.Benchmarks.Export;
using Dashboard.Benchmarks.Runs;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Analytics;

/// <summary>
/// The generated history imported through the app's importer (rollups included, as an import leaves them),
/// hosted on a clock that stands at the history's end. On SQLite in a data folder of its own, or on a
/// PostgreSQL database made for the run.
/// </summary>
internal sealed class ImportedHistory : IAsyncDisposable
{
    /// <summary>The evening of the history's last day: a year back from here is the history's last year.</summary>
    public static readonly DateTimeOffset Now = new(SyntheticHistory.End.AddHours(-4), TimeSpan.Zero);

    private readonly string _folder;
    private readonly bool _keepFolder;
    private readonly BenchmarkDatabase? _database;

    private ImportedHistory(CoreHost host, string folder, bool keepFolder, BenchmarkDatabase? database)
    {
        Host = host;
        _folder = folder;
        _keepFolder = keepFolder;
        _database = database;
    }

    public CoreHost Host { get; }
    public int UserId { get; private set; }

    /// <param name="dataFolder">
    /// A SQLite data folder to keep. When it already holds the history from an earlier run, the import is skipped
    /// and the rollups are rebuilt instead, so a changed rollup is measured on the same plays.
    /// </param>
    /// <param name="postgres">A PostgreSQL server to run on instead of SQLite.</param>
    public static async Task<ImportedHistory> CreateAsync(int plays, TextWriter log, string? dataFolder = null,
        string? postgres = null)
    {
        var folder = dataFolder
            ?? Path.Combine(Path.GetTempPath(), "dashboard-benchmarks", $"analytics-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var database = postgres is null ? null : await BenchmarkDatabase.CreateAsync(postgres);
        var host = await CoreHost.StartAsync(folder, database?.Settings, new FixedClock(Now));
        var history = new ImportedHistory(host, folder, dataFolder is not null, database);
        try
        {
            history.UserId = await RebuildEarlierAsync(host, folder, log) ?? await ImportAsync(host, plays, log);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(postgres is null ? $"SQLite in {folder}" : "PostgreSQL")}; " +
                $"the clock stands at {Now:yyyy-MM-dd HH:mm} UTC."));
            return history;
        }
        catch
        {
            await history.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The user of an earlier run's history in a kept folder, with its rollups rebuilt; null when there is none.
    /// </summary>
    private static async Task<int?> RebuildEarlierAsync(CoreHost host, string folder, TextWriter log)
    {
        await using var db = await host.DbAsync();
        if (await db.Users.Where(u => u.SpotifyId == CoreHost.BenchmarkSpotifyId).Select(u => (int?)u.Id)
            .SingleOrDefaultAsync() is not { } earlier)
        {
            return null;
        }
        var rebuild = Stopwatch.StartNew();
        await host.Get<RollupService>().RebuildAsync(earlier, CancellationToken.None);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Reused the history in {folder}; rebuilt its rollups in {rebuild.Elapsed.TotalSeconds:0.0} s."));
        return earlier;
    }

    /// <summary>A new user with the generated history imported; returns the user.</summary>
    private static async Task<int> ImportAsync(CoreHost host, int plays, TextWriter log)
    {
        var userId = await host.AddUserAsync(BenchmarkListener.TimeZone);
        var export = GeneratedExport.LoadOrCreate(plays, log);
        var imports = host.Get<ImportService>();
        var import = await ImporterRun.UploadAsync(imports, userId, export.Files);
        var clock = Stopwatch.StartNew();
        await imports.RunAsync(import.Id, CancellationToken.None);

        await using var db = await host.DbAsync();
        var done = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == import.Id);
        if (done.Status != ImportStatus.Completed)
        {
            throw new InvalidOperationException($"The import ended {done.Status}: {done.Error}");
        }
        log.WriteLine(
            string.Create(CultureInfo.InvariantCulture,
                $"Imported {done.Inserted:N0} plays in {clock.Elapsed.TotalSeconds:0.0} s."));
        return userId;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (!_keepFolder)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
