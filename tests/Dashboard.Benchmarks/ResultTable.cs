using System.Globalization;
using Dashboard.Benchmarks.Export;
using Dashboard.Benchmarks.Runs;

namespace Dashboard.Benchmarks;

/// <summary>The summary of every run: per path the median (min-max) rate and memory, the ratio, the targets.</summary>
internal sealed class ResultTable(int plays, GeneratedExport export, IReadOnlyList<RunResult> results)
{
    private const double MinimumRateRatio = 0.5;
    private const double MemoryLimitMegabytes = 400;

    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    /// <summary>
    /// Every run left the same rows. Without that the comparison means nothing. PostgreSQL prints values in its own
    /// formats, so its digest is compared among its own runs, and its row counts with everyone's.
    /// </summary>
    public bool SameRows =>
        results.Select(r =>
            r.Contents with { PlaysDigest = r.Path == ImportPath.ImporterPostgres ? "" : r.Contents.PlaysDigest })
            .Where(c => c.PlaysDigest.Length > 0).Distinct().Count() <= 1
        && results.Select(r => r.Contents with { PlaysDigest = "" }).Distinct().Count() == 1
        && Of(ImportPath.ImporterPostgres).Select(r => r.Contents.PlaysDigest).Distinct().Count() <= 1;

    public void Print(TextWriter output)
    {
        var runs = results.Count(r => r.Path == ImportPath.Bare);
        output.WriteLine();
        output.WriteLine(string.Create(Numbers,
            $"Import of {plays:N0} plays ({export.Files.Count} files, {Megabytes.Of(export.Bytes):N0} MB of JSON), " +
            $"{runs} run(s) per path, each in a fresh process and database; median (min-max)."));
        output.WriteLine();
        var rows = new List<string[]> { new[] { "path", "plays/s", "MB/s of JSON", "peak RSS MB", "plays inserted" } };
        rows.AddRange(Enum.GetValues<ImportPath>().Where(path => Of(path).Count > 0)
            .Select(path => Row(path, Of(path))));
        WriteMarkdown(output, rows);
        output.WriteLine();

        var rateRatio = Median(Of(ImportPath.Importer), Rate) / Median(Of(ImportPath.Bare), Rate);
        var importerPeak = Of(ImportPath.Importer).Max(PeakMegabytes);
        output.WriteLine(string.Create(Numbers,
            $"importer/bare rate (medians): {rateRatio:0.00} -> target >= {MinimumRateRatio:0.00}: " +
            $"{Verdict(rateRatio >= MinimumRateRatio)}"));
        output.WriteLine(string.Create(Numbers,
            $"importer peak RSS (highest run): {importerPeak:N0} MB -> target < {MemoryLimitMegabytes:N0} MB: " +
            $"{Verdict(importerPeak < MemoryLimitMegabytes)}"));
        if (Of(ImportPath.ImporterPostgres).Count > 0)
        {
            var providers = Median(Of(ImportPath.ImporterPostgres), Rate) / Median(Of(ImportPath.Importer), Rate);
            output.WriteLine(
                string.Create(Numbers,
                    $"importer on PostgreSQL / importer on SQLite rate (medians): {providers:0.00}"));
        }
        var contents = results[0].Contents;
        output.WriteLine(SameRows
            ? string.Create(Numbers,
                $"Same rows in every run: {contents.Plays:N0} plays, {contents.Tracks:N0} tracks, " +
                $"{contents.Artists:N0} artists, {contents.Albums:N0} albums, {contents.Episodes:N0} episodes, " +
                $"{contents.Shows:N0} shows.")
            : "DIFFERENT ROWS: the runs did not leave the same database contents, so the comparison is not fair. " +
            "Contents per run:\n  "
              + string.Join("\n  ", results.Select(r => $"{r.Path}: {r.Contents}")));
    }

    private IReadOnlyList<RunResult> Of(ImportPath path) => results.Where(r => r.Path == path).ToList();

    private string[] Row(ImportPath path, IReadOnlyList<RunResult> runs) =>
    [
        path.Label(),
        Spread(runs, Rate, "N0"),
        Spread(runs, r => Megabytes.Of(export.Bytes) / r.Seconds, "N0"),
        Spread(runs, PeakMegabytes, "N0"),
        string.Join(" / ", runs.Select(r => r.PlaysInserted.ToString("N0", Numbers))),
    ];

    private static double Rate(RunResult run) => run.RecordsRead / run.Seconds;

    private static double PeakMegabytes(RunResult run) => Megabytes.Of(run.PeakRssBytes);

    private static string Spread(IReadOnlyList<RunResult> runs, Func<RunResult, double> measure, string format) =>
        $"{Median(runs, measure).ToString(format, Numbers)} " +
        $"({runs.Min(measure).ToString(format, Numbers)}-{runs.Max(measure).ToString(format, Numbers)})";

    private static double Median(IReadOnlyList<RunResult> runs, Func<RunResult, double> measure)
    {
        var sorted = runs.Select(measure).Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static void WriteMarkdown(TextWriter output, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length))
            .ToArray();
        string Line(string[] cells) => "| "
            + string.Join(" | ", cells.Select((cell, column) => cell.PadRight(widths[column]))) + " |";
        output.WriteLine(Line(rows[0]));
        output.WriteLine(Line(widths.Select(width => new string('-', width)).ToArray()));
        foreach (var row in rows.Skip(1))
        {
            output.WriteLine(Line(row));
        }
    }
}
