using Bunit;
using Dashboard.Core.Imports;
using Dashboard.Web.Components.Pages.Imports;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class ImportCardsTests : DashboardComponentTest
{
    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_running_import_shows_records_done_of_total_the_rate_and_the_time_left()
    {
        var progress = new ImportProgress(4, UserId, ImportStatus.Running,
            "my_spotify_data.zip/Streaming_History_Audio_2021_1.json",
            RecordsTotal: 100_000, RecordsRead: 25_000, Inserted: 24_000, Duplicates: 900, Merged: 0, Skipped: 100,
            RecordsPerSecond: 25_000);

        var card = Render<ImportProgressCard>(p =>
            p.Add(c => c.Import, Summary(ImportStatus.Running)).Add(c => c.Live, progress));

        var text = Text(card.Find("[data-testid=import-progress]").TextContent);
        Assert.Contains("Importing 100,000 records", text);
        Assert.Contains("25,000 of 100,000 records", text);
        Assert.Contains("25,000 records/s", text);
        Assert.Contains("about 3 s left", text);
        Assert.Contains("Streaming_History_Audio_2021_1.json", text);
        Assert.Equal("25", card.Find(".mud-progress-linear").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public async Task Cancel_asks_the_page_to_cancel()
    {
        var cancelled = false;
        var card = Render<ImportProgressCard>(p =>
            p.Add(c => c.Import, Summary(ImportStatus.Pending)).Add(c => c.OnCancel, () => cancelled = true));

        Assert.Contains("Queued", card.Markup);
        await card.Find("[data-testid=cancel-import]").ClickAsync();

        Assert.True(cancelled);
    }

    [Fact]
    public void A_completed_import_sums_up_what_happened_to_every_record()
    {
        var import = Summary(ImportStatus.Completed) with
        {
            RecordsRead = 3_328, Inserted = 3_298, Duplicates = 10, Merged = 0, Skipped = 20,
            SkippedReasons =
                new Dictionary<string, int> { ["no track, episode or chapter (Spotify left the item empty)"] = 20 },
            IgnoredFiles = ["my_spotify_data.zip/ReadMeFirst.pdf (not a JSON file)"],
            FirstPlayedAt = new DateTime(2024, 8, 2, 16, 7, 53, DateTimeKind.Utc),
            LastPlayedAt = new DateTime(2024, 12, 31, 23, 30, 0, DateTimeKind.Utc),
        };

        var card = Render<ImportResultCard>(p =>
            p.Add(c => c.Import, import).Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));

        var text = Text(card.Find("[data-testid=import-result]").TextContent);
        Assert.Contains("Imported 3,298 new plays from 1 file", text);
        // 23:30 UTC on New Year's Eve is already New Year's Day in Berlin.
        Assert.Contains("Covering 2 Aug 2024 – 1 Jan 2025", text);
        Assert.Equal("3,328", card.Find("[data-testid=result-read]").TextContent);
        Assert.Equal("10", card.Find("[data-testid=result-duplicates]").TextContent);
        Assert.Contains("20 with no track, episode or chapter", text);
        Assert.Contains("ReadMeFirst.pdf (not a JSON file)", text);
    }

    [Fact]
    public void A_failed_import_shows_its_reason()
    {
        var import =
            Summary(ImportStatus.Failed) with { Error =
                "a.json: record 12 (field ms_played) has a value of the wrong type." };

        var card = Render<ImportResultCard>(p => p.Add(c => c.Import, import).Add(c => c.Zone, TimeZoneInfo.Utc));

        Assert.Contains("The import failed.", card.Find("[data-testid=import-error]").TextContent);
        Assert.Contains("record 12 (field ms_played)", card.Find("[data-testid=import-error]").TextContent);
    }

    /// <summary>The text as a reader sees it: runs of whitespace are one space.</summary>
    private static string Text(string content) => System.Text.RegularExpressions.Regex.Replace(content, @"\s+", " ");

    private static ImportSummary Summary(ImportStatus status) => new(
        4, status, ["my_spotify_data.zip"], 12_000_000, 100_000, 0, 0, 0, 0, 0,
        new Dictionary<string, int>(), [], null, null, null, Start, Start, null);
}
