using System.Text.RegularExpressions;
using Dashboard.E2E.Support;
using Microsoft.Playwright;

namespace Dashboard.E2E;

public sealed class SignInTests : IAsyncLifetime
{
    private AppServer _app = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async ValueTask InitializeAsync()
    {
        (_playwright, _browser) = await Browser.LaunchAsync();
        _app = new AppServer();
    }

    [Fact]
    public async Task Demo_listener_signs_in_through_the_emulator_and_sees_the_overview()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        var errors = PageErrors.Watch(page, _app);

        await page.GotoAsync(_app.BaseUrl);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Assertions.Expect(page.GetByTestId("demo-notice")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("signin.png") });

        await page.GetByTestId("signin-button").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("would like to connect to your account");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("emulator-consent.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree" }).ClickAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(_app.BaseUrl)}/?$"), new() { Timeout = 60_000 });
        await page.WaitForInteractiveAsync();
        var plays = page.GetByTestId("stat-plays").Locator(".stat-card-value");
        await Assertions.Expect(plays).ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"));
        await page.GetByTestId("plays-per-day").ExpectChartAsync(errors);
        await page.GetByTestId("listening-clock").ExpectChartAsync(errors);
        await page.WaitForTimeoutAsync(1_000); // let the chart finish drawing before the screenshot
        await Assertions.Expect(page.GetByTestId("top-artists").Locator(".top-list-item")).ToHaveCountAsync(5);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview-light.png"), FullPage = true });

        var monthPlays = ParseCount(await plays.InnerTextAsync());
        await page.Locator("[data-period='year']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("period=year"));
        await Assertions.Expect(page.GetByTestId("period-range")).ToContainTextAsync("Last 365 days");
        await Assertions.Expect(plays).Not.ToHaveTextAsync(monthPlays.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        Assert.True(ParseCount(await plays.InnerTextAsync()) > monthPlays, "A year holds more plays than the last 30 days.");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(0, 0); // the toggle's tooltip is not part of the page
        await page.WaitForTimeoutAsync(600); // let the chart finish redrawing in its dark colours
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview-dark.png"), FullPage = true });

        // The choice is remembered: a fresh load renders dark from the first paint.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();

        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(400);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview-phone.png"), FullPage = true });

        await page.WaitForInteractiveAsync();
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signin-message")).ToContainTextAsync("signed out");

        Assert.Empty(errors.All);
    }

    private static int ParseCount(string text) => int.Parse(text.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }
}
