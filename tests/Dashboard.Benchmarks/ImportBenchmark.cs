using System.Globalization;
using Dashboard.Benchmarks.Export;
using Dashboard.Benchmarks.Runs;

namespace Dashboard.Benchmarks;

/// <summary>
/// The <c>import</c> command: generates (or reuses) an export, then runs the bare baseline and the importer
/// alternately, each run in a fresh child process on a fresh database, and prints the comparison.
/// </summary>
internal static class ImportBenchmark
{
    public const string Name = "import";

    public static async Task<int> RunAsync(CommandLine options)
    {
        var plays = options.Int("plays", defaultValue: 1_000_000, minimum: 1);
        var runs = options.Int("runs", defaultValue: 3, minimum: 1);
        // A PostgreSQL server (connection string of a user who may create databases): the importer runs on it too.
        var postgres = options.OptionalText("postgres");
        options.RefuseUnknown();
        var paths = Enum.GetValues<ImportPath>()
            .Where(path => path != ImportPath.ImporterPostgres || postgres is not null).ToList();

        var export = GeneratedExport.LoadOrCreate(plays, Console.Out);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Export: {export.Files.Count} files, {Megabytes.Of(export.Bytes):N0} MB, in {export.Folder}"));

        var workRoot = Path.Combine(Path.GetTempPath(), "dashboard-benchmarks", $"runs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workRoot);
        try
        {
            var template = await SchemaTemplate.CreateAsync(Path.Combine(workRoot, "template"));
            var child = new ChildProcess(export, template, workRoot, postgres);
            var results = new List<RunResult>();
            for (var run = 1; run <= runs; run++)
            {
                // Alternating, so drift in the machine's load falls on both paths alike.
                foreach (var path in paths)
                {
                    var result = child.Run(path);
                    results.Add(result);
                    Console.WriteLine(Describe(run, runs, result, export));
                }
            }
            var table = new ResultTable(plays, export, results);
            table.Print(Console.Out);
            // A missed target is a finding, not a failure; different rows mean the measurement itself is wrong.
            return table.SameRows ? 0 : 1;
        }
        finally
        {
            Directory.Delete(workRoot, recursive: true);
        }
    }

    private static string Describe(int run, int runs, RunResult result, GeneratedExport export)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"run {run}/{runs} {result.Path.Label(),-11}: {result.Seconds,6:0.00} s, " +
            $"{result.RecordsRead / result.Seconds,9:N0} plays/s, " +
            $"{Megabytes.Of(export.Bytes) / result.Seconds,5:N0} MB/s, {result.RecordsRead:N0} read, " +
            $"{result.PlaysInserted:N0} inserted, " +
            $"peak RSS {Megabytes.Of(result.PeakRssBytes):N0} MB");
        return result.UploadSeconds is { } upload
            ? line + string.Create(CultureInfo.InvariantCulture, $", upload copy {upload:0.0} s (not timed)")
            : line;
    }
}
