using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Formatting;
using Dashboard.E2E.Support;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>The Trend, Charts and Habits pages against a listener's imported history.</summary>
public sealed class TrendChartsHabitsTests(BrowserTestBed bed)
{
    [Fact]
    public async Task Trend_splits_by_platform_keeps_a_value_and_splits_again_by_reason_ended()
    {
        // The page shows the last 30 days.
        await using var listener = await bed.SignInAsync(new ListenerOptions(ImportedDays: 35));
        var (page, errors) = (listener.Page, listener.Errors);
        errors.WatchFailedRequests(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Trend" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trend", Level = 1 }))
            .ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await page.ExpectGraphAsync("trend-totals", errors);
        await Assertions.Expect(page.GetByTestId("trend-summary")).ToContainTextAsync(new Regex(@"^[1-9][\d,]* plays"));

        await ChooseAsync(page, "breakdown-select", "Platform");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("breakdown=platform"));
        var rows = page.GetByTestId("breakdown-row");
        await Assertions.Expect(rows.First).ToContainTextAsync("Android");
        await page.ExpectGraphAsync("trend-breakdown", errors);
        await Screenshots.TakeAsync(page, "trend.png");

        // Keep Android from the table, then split its plays by why they ended.
        await rows.GetByRole(AriaRole.Link, new() { Name = "Android" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("filter=android"));
        await Assertions.Expect(page.GetByTestId("kept-value")).ToContainTextAsync("Platform: Android");
        await ChooseAsync(page, "breakdown2-select", "Reason ended");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("breakdown2=reason_end"));
        await Assertions.Expect(rows.First).ToContainTextAsync("Track finished");
        await Assertions.Expect(rows.Filter(new() { HasText = "Forward button" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("filter-select")).ToHaveValueAsync("Android");
        await Screenshots.TakeAsync(page, "trend-split.png", forReadme: true);

        // The address alone brings the same view back.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("Track finished");

        // By month over a period that starts mid-month: the first month is only partly in it, and the note under the
        // graph and the graph's table say so. The month after it is whole.
        var thisMonth = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(bed.Clock.GetUtcNow(),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        var firstMonth = new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(-2);
        var (from, to) = (firstMonth.AddDays(14), firstMonth.AddMonths(2).AddDays(-1));
        await page.GotoAsync($"{bed.App.BaseUrl}/trend?period=custom&from={Address(from)}&to={Address(to)}" +
                             "&granularity=month");
        await page.ExpectGraphAsync("trend-totals", errors);
        var (first, second) = (MonthName(firstMonth), MonthName(firstMonth.AddMonths(1)));
        var days = DateTime.DaysInMonth(firstMonth.Year, firstMonth.Month);
        await Assertions.Expect(page.GetByTestId("trend-partial")).ToHaveTextAsync(
            $"The first month ({first}) has only {days - 14} of its {days} days in this period: its bar is lighter.");
        await Assertions.Expect(page.GetByTestId("trend-totals").Locator("figcaption tbody td:first-child"))
            .ToHaveTextAsync([$"{first} ({days - 14} of {days} days in this period)", second]);

        await PhoneScreenshotAsync(page, "trend-phone.png");
        errors.ExpectNone();
    }

    [Fact]
    public async Task Charts_step_back_a_week()
    {
        // The latest week and the one before, whole.
        await using var listener = await bed.SignInAsync(new ListenerOptions(ImportedDays: 28));
        var (page, errors) = (listener.Page, listener.Errors);
        errors.WatchFailedRequests(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Charts" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Charts", Level = 1 }))
            .ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        var lines = page.GetByTestId("chart-line");
        // The import built the weekly charts before the test began: the page only reads them.
        await Assertions.Expect(lines).ToHaveCountAsync(20, new() { Timeout = 30_000 });
        await Assertions.Expect(lines.First.Locator("a.item-name"))
            .ToHaveAttributeAsync("href", new Regex(@"^/tracks/\d+$"));
        var week = page.GetByTestId("chart-week");
        var latest = await week.InnerTextAsync();
        Assert.Matches(@"^\d{1,2}( \w{3}( \d{4})?)? – \d{1,2} \w{3} \d{4}$", latest);
        await Screenshots.TakeAsync(page, "charts.png");

        await page.GetByTestId("previous-week").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"week=\d{4}-\d{2}-\d{2}"));
        await Assertions.Expect(week).Not.ToHaveTextAsync(latest);
        await Assertions.Expect(lines).ToHaveCountAsync(20);
        await Assertions.Expect(page.GetByTestId("latest-week")).ToBeVisibleAsync();
        var previousWeek = await week.InnerTextAsync();

        // The same week's artists.
        await page.Locator("[data-kind='artists']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("kind=artists"));
        await Assertions.Expect(lines.First.Locator("a.item-name"))
            .ToHaveAttributeAsync("href", new Regex(@"^/artists/\d+$"));
        await Assertions.Expect(week).ToHaveTextAsync(previousWeek);
        await Screenshots.TakeAsync(page, "charts-artists.png");

        await PhoneScreenshotAsync(page, "charts-phone.png");
        errors.ExpectNone();
    }

    [Fact]
    public async Task Habits_follow_the_period()
    {
        // More than the last 30 days, so that the last 365 hold more sessions.
        await using var listener = await bed.SignInAsync(new ListenerOptions(ImportedDays: 45));
        var (page, errors) = (listener.Page, listener.Errors);
        errors.WatchFailedRequests(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Habits" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Habits", Level = 1 }))
            .ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        var sessions = page.GetByTestId("stat-sessions").Locator(".stat-card-value");
        // The import built the sessions before the test began: the page only reads them.
        await Assertions.Expect(sessions).ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("session-row")).ToHaveCountAsync(5);
        await page.ExpectGraphAsync("artist-skips", errors);
        await Assertions.Expect(page.GetByTestId("stat-skip-rate").Locator(".stat-card-value"))
            .ToHaveTextAsync(new Regex(@"^\d+%$"));
        await Screenshots.TakeAsync(page, "habits.png");

        var monthSessions = ParseCount(await sessions.InnerTextAsync());
        await page.Locator("[data-period='year']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("period=year"));
        await Assertions.Expect(page.GetByTestId("period-range")).ToContainTextAsync("Last 365 days");
        await Assertions.Expect(sessions).Not.ToHaveTextAsync(
            monthSessions.ToString("N0", CultureInfo.GetCultureInfo("en-GB")));
        Assert.True(ParseCount(await sessions.InnerTextAsync()) > monthSessions,
            "A year holds more sessions than the last 30 days.");

        await page.ExpectGraphAsync("artist-skips", errors);
        var skips = await page.GraphVersionAsync("artist-skips");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();
        // The chart is drawn again in its dark colours.
        await page.ExpectGraphRedrawnAsync("artist-skips", skips, errors);
        await Screenshots.TakeAsync(page, "habits-dark.png");

        // The period chosen goes with the listener to the other pages, by the menu and, for the browser session, by
        // any address that names none.
        await page.GetByRole(AriaRole.Link, new() { Name = "Trend" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/trend\?period=year$"));
        await Assertions.Expect(page.GetByTestId("period-range")).ToContainTextAsync("Last 365 days");
        await page.GotoAsync(new Uri(new Uri(page.Url), "/top").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/top\?kind=tracks&period=year$"));
        await Assertions.Expect(page.GetByTestId("period-range")).ToContainTextAsync("Last 365 days");
        await page.GetByRole(AriaRole.Link, new() { Name = "Habits" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/habits\?period=year$"));

        await PhoneScreenshotAsync(page, "habits-phone.png");
        errors.ExpectNone();
    }

    /// <summary>Opens a MudBlazor select by its test id and picks an option by its text.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true }).ClickAsync();
    }

    private static async Task PhoneScreenshotAsync(IPage page, string name)
    {
        await Screenshots.ResizeAsync(page, 390, 844);
        await Screenshots.TakeAsync(page, name);
    }

    private static string Address(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", Figures.Culture);

    private static int ParseCount(string text) => int.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);
}
