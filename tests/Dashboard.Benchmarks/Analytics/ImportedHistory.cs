using System.Diagnostics;
using System.Globalization;
using Dashboard.Benchmarks.Export;
using Dashboard.Benchmarks.Runs;
using Dashboard.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Analytics;

/// <summary>
/// The generated history imported through the app's importer into a fresh database (rollups included, as an
/// import leaves them), hosted on a clock that stands at the history's end.
/// </summary>
internal sealed class ImportedHistory : IAsyncDisposable
{
    /// <summary>The evening of the history's last day: a year back from here is the history's last year.</summary>
    public static readonly DateTimeOffset Now = new(SyntheticHistory.End.AddHours(-4), TimeSpan.Zero);

    private readonly string _folder;

    private ImportedHistory(CoreHost host, int userId, string folder)
    {
        Host = host;
        UserId = userId;
        _folder = folder;
    }

    public CoreHost Host { get; }
    public int UserId { get; }

    public static async Task<ImportedHistory> CreateAsync(int plays, TextWriter log)
    {
        var export = GeneratedExport.LoadOrCreate(plays, log);
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-benchmarks", $"analytics-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var host = await CoreHost.StartAsync(folder, clock: new FixedClock(Now));
        var userId = await host.AddUserAsync(BenchmarkListener.TimeZone);
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
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {done.Inserted:N0} plays in {clock.Elapsed.TotalSeconds:0.0} s into {folder}; the clock stands at {Now:yyyy-MM-dd HH:mm} UTC."));
        return new ImportedHistory(host, userId, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
