using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.E2E.Support;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>The Trend, Charts and Habits pages against the demo listener's year of history.</summary>
public sealed class TrendChartsHabitsTests : IAsyncLifetime
{
    private AppServer _app = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;
    private IPage _page = default!;
    private PageErrors _errors = default!;

    public async ValueTask InitializeAsync()
    {
        (_playwright, _browser) = await Browser.LaunchAsync();
        _app = new AppServer();
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        _page = await context.NewPageAsync();
        _errors = PageErrors.Watch(_page, _app);
        await _page.SignInAsync(_app.BaseUrl);
        _errors.WatchFailedRequests(_page);
    }

    [Fact]
    public async Task Trend_splits_by_platform_keeps_a_value_and_splits_again_by_reason_ended()
    {
        await _page.GetByRole(AriaRole.Link, new() { Name = "Trend" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Trend", Level = 1 })).ToBeVisibleAsync();
        await _page.WaitForInteractiveAsync();
        var totals = _page.GetByTestId("trend-totals");
        await totals.ExpectChartAsync(_errors);
        await Assertions.Expect(_page.GetByTestId("trend-summary")).ToContainTextAsync(new Regex(@"^[1-9][\d,]* plays"));

        await ChooseAsync("breakdown-select", "Platform");
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("breakdown=platform"));
        var rows = _page.GetByTestId("breakdown-row");
        await Assertions.Expect(rows.First).ToContainTextAsync("Android");
        await _page.GetByTestId("trend-breakdown").ExpectChartAsync(_errors);
        await _page.WaitForTimeoutAsync(1_500); // let the charts finish drawing before the screenshot
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("trend.png"), FullPage = true });

        // Keep Android from the table, then split its plays by why they ended.
        await rows.GetByRole(AriaRole.Link, new() { Name = "Android" }).ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("filter=android"));
        await Assertions.Expect(_page.GetByTestId("kept-value")).ToContainTextAsync("Platform: Android");
        await ChooseAsync("breakdown2-select", "Reason ended");
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("breakdown2=reason_end"));
        await Assertions.Expect(rows.First).ToContainTextAsync("Track finished");
        await Assertions.Expect(rows.Filter(new() { HasText = "Forward button" })).ToHaveCountAsync(1);
        await Assertions.Expect(_page.GetByTestId("filter-select")).ToHaveValueAsync("Android");
        await _page.WaitForTimeoutAsync(1_500);
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("trend-split.png"), FullPage = true });

        // The address alone brings the same view back.
        await _page.ReloadAsync();
        await _page.WaitForInteractiveAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("Track finished");

        await PhoneScreenshotAsync("trend-phone.png");
        Assert.Empty(_errors.All);
    }

    [Fact]
    public async Task Charts_step_back_a_week()
    {
        await _page.GetByRole(AriaRole.Link, new() { Name = "Charts" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Charts", Level = 1 })).ToBeVisibleAsync();
        await _page.WaitForInteractiveAsync();
        var lines = _page.GetByTestId("chart-line");
        // The first read after the sign-in's import builds the weekly charts.
        await Assertions.Expect(lines).ToHaveCountAsync(20, new() { Timeout = 30_000 });
        await Assertions.Expect(lines.First.Locator("a.item-name")).ToHaveAttributeAsync("href", new Regex(@"^/tracks/\d+$"));
        var week = _page.GetByTestId("chart-week");
        var latest = await week.InnerTextAsync();
        Assert.Matches(@"^\d{1,2}( \w{3}( \d{4})?)? – \d{1,2} \w{3} \d{4}$", latest);
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("charts.png"), FullPage = true });

        await _page.GetByTestId("previous-week").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex(@"week=\d{4}-\d{2}-\d{2}"));
        await Assertions.Expect(week).Not.ToHaveTextAsync(latest);
        await Assertions.Expect(lines).ToHaveCountAsync(20);
        await Assertions.Expect(_page.GetByTestId("latest-week")).ToBeVisibleAsync();
        var previousWeek = await week.InnerTextAsync();

        // The same week's artists.
        await _page.Locator("[data-kind='artists']").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("kind=artists"));
        await Assertions.Expect(lines.First.Locator("a.item-name")).ToHaveAttributeAsync("href", new Regex(@"^/artists/\d+$"));
        await Assertions.Expect(week).ToHaveTextAsync(previousWeek);
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("charts-artists.png"), FullPage = true });

        await PhoneScreenshotAsync("charts-phone.png");
        Assert.Empty(_errors.All);
    }

    [Fact]
    public async Task Habits_follow_the_period()
    {
        await _page.GetByRole(AriaRole.Link, new() { Name = "Habits" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Habits", Level = 1 })).ToBeVisibleAsync();
        await _page.WaitForInteractiveAsync();
        var sessions = _page.GetByTestId("stat-sessions").Locator(".stat-card-value");
        // The first read after the sign-in's import builds the sessions.
        await Assertions.Expect(sessions).ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"), new() { Timeout = 30_000 });
        await Assertions.Expect(_page.GetByTestId("session-row")).ToHaveCountAsync(5);
        await _page.GetByTestId("artist-skips").ExpectChartAsync(_errors);
        await Assertions.Expect(_page.GetByTestId("stat-skip-rate").Locator(".stat-card-value")).ToHaveTextAsync(new Regex(@"^\d+%$"));
        await _page.WaitForTimeoutAsync(1_500);
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("habits.png"), FullPage = true });

        var monthSessions = ParseCount(await sessions.InnerTextAsync());
        await _page.Locator("[data-period='year']").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("period=year"));
        await Assertions.Expect(_page.GetByTestId("period-range")).ToContainTextAsync("Last 365 days");
        await Assertions.Expect(sessions).Not.ToHaveTextAsync(monthSessions.ToString("N0", CultureInfo.GetCultureInfo("en-GB")));
        Assert.True(ParseCount(await sessions.InnerTextAsync()) > monthSessions, "A year holds more sessions than the last 30 days.");

        await _page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(_page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();
        await _page.WaitForTimeoutAsync(1_500); // let the chart redraw in its dark colours
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("habits-dark.png"), FullPage = true });

        await PhoneScreenshotAsync("habits-phone.png");
        Assert.Empty(_errors.All);
    }

    /// <summary>Opens a MudBlazor select by its test id and picks an option by its text.</summary>
    private async Task ChooseAsync(string testId, string option)
    {
        await _page.GetByTestId(testId).ClickAsync();
        await _page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true }).ClickAsync();
    }

    private async Task PhoneScreenshotAsync(string name)
    {
        await _page.SetViewportSizeAsync(390, 844);
        await _page.WaitForTimeoutAsync(1_500); // let the charts redraw at the new width
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath(name), FullPage = true });
    }

    private static int ParseCount(string text) => int.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }
}
