using System.Globalization;
using Dashboard.E2E.Support;
using Microsoft.Playwright;

namespace Dashboard.E2E;

public sealed class ReportsTests(BrowserTestBed bed)
{
    [Fact]
    public async Task A_requested_report_completes_on_the_open_page_and_downloads()
    {
        // The reports cover the last 30 days.
        await using var listener = await bed.SignInAsync(new ListenerOptions(ImportedDays: 35, Width: 1360));
        var page = listener.Page;
        await page.GotoAsync($"{bed.App.BaseUrl}/reports");
        await page.WaitForInteractiveAsync();

        // A month of history as CSV.
        await page.Locator("[data-type=listening_history]").ClickAsync();
        await page.Locator("[data-format=csv]").ClickAsync();
        await page.Locator("[data-testid=period-selector] [data-period=month]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-file-name")).ToContainTextAsync(".csv");
        await page.GetByTestId("request-report").ClickAsync();

        // It appears and completes without a reload.
        var row = page.GetByTestId("report-row").First;
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
        var records = int.Parse(await row.Locator("td.num").First.InnerTextAsync(), NumberStyles.AllowThousands,
            CultureInfo.GetCultureInfo("en-GB"));
        Assert.True(records > 100, $"A month of the listener's history holds more than {records} plays.");

        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("download-report").ClickAsync());
        Assert.Matches(@"^listening-history-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var lines = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.StartsWith("played_at,played_at_utc,ms_played,counted", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(records, lines.Length - 1);

        // The PDF summary, of the month still selected above: changing the type keeps the period.
        await page.Locator("[data-type=period_summary]").ClickAsync();
        await page.GetByTestId("request-report").ClickAsync();
        var summary = page.Locator("[data-testid=report-row]").First;
        await Assertions.Expect(summary).ToContainTextAsync("Period summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
        var pdf = await page.RunAndWaitForDownloadAsync(() => summary.GetByTestId("download-report").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await pdf.PathAsync());
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);

        await Screenshots.TakeAsync(page, "reports.png", forReadme: true);

        // Deleting one asks first, naming it, and keeps it unless told to delete.
        await summary.GetByTestId("delete-report").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync(
            "Delete the report Period summary (PDF)? Its file goes with it; this cannot be undone.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("report-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("report-row").First).ToContainTextAsync("Period summary");
    }
}
