using System.Diagnostics;
using System.Globalization;
using Dashboard.Benchmarks.Runs;
using Dashboard.Core.Formatting;
using Dashboard.Core.Reports;

namespace Dashboard.Benchmarks.Analytics;

/// <summary>
/// The <c>reports</c> command: imports the generated history, then makes each kind of report as the report job
/// does (request, then run) and prints its time, size and the process's peak memory while it was made.
/// </summary>
internal static class ReportsBenchmark
{
    public const string Name = "reports";

    private sealed record ReportCase(string Description, ReportRequest Request);

    private sealed record ReportRun(double Seconds, int Records, long Bytes, long RssBeforeBytes, long PeakBytes);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var plays = options.Int("plays", defaultValue: 1_000_000, minimum: 1);
        var runs = options.Int("runs", defaultValue: 3, minimum: 1);
        var postgres = options.OptionalText("postgres");
        options.RefuseUnknown();

        await using var history = await ImportedHistory.CreateAsync(plays, Console.Out, postgres: postgres);
        var lastDay = DateOnly.FromDateTime(ImportedHistory.Now.UtcDateTime).AddDays(-1)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ReportCase[] cases =
        [
            new("listening history CSV, last year", new ReportRequest("listening_history", "csv", Period: "year")),
            new("listening history JSON, last year", new ReportRequest("listening_history", "json", Period: "year")),
            new("period summary PDF, last year", new ReportRequest("period_summary", "pdf", Period: "year")),
            new("period summary PDF, all time", new ReportRequest("period_summary", "pdf", Period: "all_time")),
            new("top lists CSV, all time, top 100",
            new ReportRequest("top_lists", "csv", Period: "all_time", Limit: 100)),
            new("daily analytics ZIP, one day", new ReportRequest("daily_analytics", "zip", Date: lastDay)),
        ];

        Console.WriteLine();
        Console.WriteLine(
            "| report | time s, median (min-max) | records | file | RSS before MB | peak RSS MB, highest |");
        Console.WriteLine(
            "| ------ | -----------------------: | ------: | ---: | ------------: | -------------------: |");
        var reports = history.Host.Get<ReportService>();
        foreach (var report in cases)
        {
            var results = new List<ReportRun>();
            for (var run = 0; run < runs; run++)
            {
                results.Add(await MakeAsync(reports, history.UserId, report.Request));
            }
            var seconds = results.Select(r => r.Seconds).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {report.Description} | {seconds[seconds.Count / 2]:0.00} ({seconds[0]:0.00}-{seconds[^1]:0.00}) " +
                $"| {results[0].Records:N0} | " +
                $"{Figures.Bytes(results[0].Bytes)} | {Megabytes.Of(results.Max(r => r.RssBeforeBytes)):N0} | " +
                $"{Megabytes.Of(results.Max(r => r.PeakBytes)):N0} |"));
        }
        return 0;
    }

    private static async Task<ReportRun> MakeAsync(ReportService reports, int userId, ReportRequest request)
    {
        // Each run starts from a collected heap, so its peak is its own and not the garbage of the one before.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = PeakMemory.CurrentBytes();
        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var outcome = await reports.RequestAsync(userId, request, CancellationToken.None);
        var accepted = outcome as ReportRequestOutcome.Accepted
            ?? throw new InvalidOperationException($"The request was refused: {outcome}");
        await reports.RunAsync(accepted.Report.Id, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = PeakMemory.Bytes();

        var report = await reports.GetAsync(userId, accepted.Report.Id, CancellationToken.None);
        if (report is not { Status: ReportStatus.Completed, TotalRecords: { } records, FileSizeBytes: { } bytes })
        {
            throw new InvalidOperationException($"The report ended {report?.Status}: {report?.Error}");
        }
        await reports.DeleteAsync(userId, report.Id, CancellationToken.None);
        return new ReportRun(seconds, records, bytes, before, peak);
    }
}
