using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;

namespace Dashboard.Benchmarks.Analytics;

/// <summary>
/// The <c>queries</c> command: imports the generated history, then times each service call behind the pages,
/// warm, and prints p50 and p95 against the targets.
/// </summary>
internal static class QueriesBenchmark
{
    public const string Name = "queries";
    private const int WarmUps = 3;

    private sealed record ServiceCall(string Page, string Call, double? TargetMs, Func<CancellationToken, Task> Run);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var plays = options.Int("plays", defaultValue: 1_000_000, minimum: 1);
        var iterations = options.Int("iterations", defaultValue: 30, minimum: 2);
        var dataFolder = options.OptionalText("data");
        var postgres = options.OptionalText("postgres");
        options.RefuseUnknown();
        if (dataFolder is not null && postgres is not null)
        {
            throw new UsageException("--data keeps a SQLite database; it does not go with --postgres.");
        }

        await using var history = await ImportedHistory.CreateAsync(plays, Console.Out, dataFolder, postgres);
        var calls = await CallsAsync(history);
        Console.WriteLine(
            string.Create(CultureInfo.InvariantCulture,
                $"{WarmUps} warm-up calls, then {iterations} timed calls of each, one after another."));
        Console.WriteLine();
        Console.WriteLine("| page | service call | p50 ms | p95 ms | target ms | |");
        Console.WriteLine("| ---- | ------------ | -----: | -----: | --------: | - |");
        var missed = 0;
        foreach (var call in calls)
        {
            var times = await TimeAsync(call, iterations);
            var p50 = Percentile(times, 0.50);
            var p95 = Percentile(times, 0.95);
            var verdict = call.TargetMs is { } target ? (p95 <= target ? "met" : "**missed**") : "";
            missed += verdict.Contains("missed", StringComparison.Ordinal) ? 1 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {call.Page} | {call.Call} | {p50:0.0} | {p95:0.0} | " +
                $"{(call.TargetMs is { } t ? t.ToString("0", CultureInfo.InvariantCulture) : "")} | {verdict} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"Targets are for p95. Missed: {missed}.");
        return 0;
    }

    private static async Task<List<double>> TimeAsync(ServiceCall call, int iterations)
    {
        for (var i = 0; i < WarmUps; i++)
        {
            await call.Run(CancellationToken.None);
        }
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            await call.Run(CancellationToken.None);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    /// <summary>
    /// Nearest rank: the smallest time that at least <paramref name="share"/> of the calls took no longer than.
    /// </summary>
    private static double Percentile(List<double> times, double share)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }

    /// <summary>
    /// The calls the pages make, with the items they would open: the all-time top track, artist and album, the
    /// top country of the last year.
    /// </summary>
    private static async Task<IReadOnlyList<ServiceCall>> CallsAsync(ImportedHistory history)
    {
        var user = history.UserId;
        var overview = history.Host.Get<OverviewService>();
        var top = history.Host.Get<TopListsService>();
        var trend = history.Host.Get<TrendService>();
        var historyPages = history.Host.Get<HistoryService>();
        var details = history.Host.Get<DetailService>();
        var charts = history.Host.Get<ChartsService>();
        var habits = history.Host.Get<HabitsService>();
        var year = PeriodSelection.Of(Period.Year);
        var allTime = PeriodSelection.AllTime;

        var topTrack = (await top.GetAsync(user, TopKind.Tracks, allTime, 1, CancellationToken.None)).Entries[0].Item;
        var topArtist = (await top.GetAsync(user, TopKind.Artists, allTime, 1, CancellationToken.None)).Entries[0].Item;
        var topAlbum = (await top.GetAsync(user, TopKind.Albums, allTime, 1, CancellationToken.None)).Entries[0].Item;
        var topCountry =
            (await trend.GetAsync(user, new TrendQuery(year, Breakdown: Dimension.Country),
                CancellationToken.None)).Table[0].Value;
        var lastDay = DateOnly.FromDateTime(ImportedHistory.Now.UtcDateTime);

        return
        [
            new("Overview", "all time (figures, top 5s, clock heatmap, plays per day)", 100,
            ct => overview.GetAsync(user, allTime, ct)),
            new("Overview", "last year", 100, ct => overview.GetAsync(user, year, ct)),
            new("Overview", "last 30 days", 100, ct => overview.GetAsync(user, PeriodSelection.Of(Period.Month), ct)),
            new("Top lists", "top 50 tracks, all time", 100, ct => top.GetAsync(user, TopKind.Tracks, allTime, 50, ct)),
            new("Top lists", "top 50 artists, all time", 100,
            ct => top.GetAsync(user, TopKind.Artists, allTime, 50, ct)),
            new("Top lists", "top 100 albums, last year", 100, ct => top.GetAsync(user, TopKind.Albums, year, 100, ct)),
            new("Top lists", "top 50 podcasts, all time", 100,
            ct => top.GetAsync(user, TopKind.Podcasts, allTime, 50, ct)),
            new("Trend", "last year by day", 150, ct => trend.GetAsync(user, new TrendQuery(year), ct)),
            new("Trend", "all time by month, by platform", 150,
                ct => trend.GetAsync(user, new TrendQuery(allTime, Granularity.Month, Dimension.Platform), ct)),
            new("Trend", $"last year by week, {topCountry} by platform", 150,
                ct => trend.GetAsync(user,
                new TrendQuery(year, Granularity.Week, Dimension.Country, topCountry, Dimension.Platform), ct)),
            new("History", "page 1 of 50", 50, ct => historyPages.GetAsync(user, new HistoryQuery(), ct)),
            new("History", "page 10,000 of 50", 50,
            ct => historyPages.GetAsync(user, new HistoryQuery(Page: 10_000), ct)),
            new("History", "the top artist's plays, page 1", 50,
            ct => historyPages.GetAsync(user, new HistoryQuery(ArtistId: topArtist.Id), ct)),
            new("History", "text search, page 1", 50,
            ct => historyPages.GetAsync(user,
                new HistoryQuery(Text: topTrack.Name[..Math.Min(5, topTrack.Name.Length)]), ct)),
            new("History", "one day", 50,
            ct => historyPages.GetAsync(user, new HistoryQuery(From: lastDay, To: lastDay), ct)),
            new("Detail", "the top track", 100, ct => details.GetAsync(user, DetailKind.Track, topTrack.Id, ct)),
            new("Detail", "the top artist", 100, ct => details.GetAsync(user, DetailKind.Artist, topArtist.Id, ct)),
            new("Detail", "the top album", 100, ct => details.GetAsync(user, DetailKind.Album, topAlbum.Id, ct)),
            new("Charts", "weekly top 20 tracks, last week", null,
            ct => charts.GetAsync(user, ChartKind.Tracks, null, 20, ct)),
            new("Habits", "last year (sessions, skip rates)", null, ct => habits.GetAsync(user, year, ct)),
        ];
    }
}
