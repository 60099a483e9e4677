using System.Text.RegularExpressions;
using Dashboard.E2E.Support;
using Microsoft.Playwright;

namespace Dashboard.E2E;

public sealed class TopHistoryDetailTests : IAsyncLifetime
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
    public async Task Demo_listener_goes_from_the_overview_and_top_lists_to_a_track_its_artist_and_their_history()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        var errors = PageErrors.Watch(page, _app);
        await page.SignInAsync(_app.BaseUrl);
        errors.WatchFailedRequests(page);

        // The overview's top lists lead to the detail pages.
        var overviewArtist = page.GetByTestId("top-artists").Locator("a.top-list-name").First;
        await Assertions.Expect(overviewArtist).ToHaveAttributeAsync("href", new Regex(@"^artists/\d+$"));
        var overviewArtistName = await overviewArtist.InnerTextAsync();
        await overviewArtist.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/artists/\d+$"));
        // The detail page renders its heading with its figures, which take a while on a loaded machine.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(overviewArtistName, new() { Timeout = 60_000 });

        // Top lists: artists, the top 50.
        await page.GetByRole(AriaRole.Link, new() { Name = "Top lists" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/top$"));
        await Assertions.Expect(page.GetByTestId("top-row")).ToHaveCountAsync(25);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Artists" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/top\?kind=artists$"));
        await Assertions.Expect(page.GetByTestId("top-row").First.Locator("a.top-item-name")).ToHaveAttributeAsync("href", new Regex(@"^artists/\d+$"));
        await page.GetByTestId("top-limit").Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Top 50", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/top\?kind=artists&limit=50$"));
        await Assertions.Expect(page.GetByTestId("top-row")).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByTestId("top-count")).ToHaveTextAsync(new Regex(@"^50 of [\d,]+ artists$"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("top.png"), FullPage = true });

        // The first track of the list, from its link.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Tracks" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"kind=tracks"));
        var firstTrack = page.GetByTestId("top-row").First.Locator("a.top-item-name");
        await Assertions.Expect(firstTrack).ToHaveAttributeAsync("href", new Regex(@"^tracks/\d+$"));
        var trackName = await firstTrack.InnerTextAsync();
        var trackPlays = await page.GetByTestId("top-row").First.Locator(".top-plays").InnerTextAsync();
        await firstTrack.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/tracks/\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(trackName);
        var plays = page.GetByTestId("stat-plays").Locator(".stat-card-value");
        await Assertions.Expect(plays).ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"));
        Assert.True(Count(await plays.InnerTextAsync()) >= Count(trackPlays), "A lifetime holds at least the plays of the last 30 days.");
        await Assertions.Expect(page.GetByTestId("stat-first").Locator(".stat-card-value")).ToHaveTextAsync(new Regex(@"^\d{1,2} \w{3} \d{4}$"));
        await page.GetByTestId("plays-over-time").ExpectChartAsync(errors);
        await page.GetByTestId("chart-run").ExpectChartAsync(errors);
        await Assertions.Expect(page.GetByTestId("platforms").GetByTestId("share").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1_000); // let the charts finish drawing before the screenshot
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("track.png"), FullPage = true });

        // Its artist, in the dark theme.
        var artistLink = page.GetByTestId("detail-artist").First;
        var artistName = await artistLink.InnerTextAsync();
        await artistLink.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/artists/\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(artistName);
        await Assertions.Expect(page.GetByTestId("stat-plays").Locator(".stat-card-value")).ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"));
        await Assertions.Expect(page.GetByTestId("top-tracks").GetByRole(AriaRole.Link, new() { Name = trackName, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("top-albums").Locator("a.top-list-name").First).ToHaveAttributeAsync("href", new Regex(@"^albums/\d+$"));
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();
        await page.GetByTestId("plays-over-time").ExpectChartAsync(errors);
        await page.Mouse.MoveAsync(700, 600); // off the toggle, so its tooltip is not in the picture
        await page.WaitForTimeoutAsync(1_000); // let the charts finish redrawing in their dark colours
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("artist.png"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='light']")).ToBeVisibleAsync();

        // The artist's plays in the history, page 2.
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/history$"));
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(50);
        var summary = page.GetByTestId("history-summary");
        await Assertions.Expect(summary).ToHaveTextAsync(new Regex(@"^1–50 of [\d,]+ plays$"));
        var everyPlay = await summary.InnerTextAsync();
        await page.GetByTestId("history-search").Locator("input").FillAsync(artistName);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/history\?q=" + Regex.Escape(Uri.EscapeDataString(artistName)) + "$"));
        // The artist's plays have arrived (not the first page of every play still on screen) before the pages are used:
        // a page button clicked while the list is redrawn is replaced before its click reaches the page.
        await Assertions.Expect(summary).Not.ToHaveTextAsync(everyPlay);
        await Assertions.Expect(summary).ToHaveTextAsync(new Regex(@"^1–50 of [\d,]+ plays$"));
        await page.GetByTestId("history-pages").GetByRole(AriaRole.Button, new() { Name = "Page 2", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"page=2"));
        await Assertions.Expect(page.GetByTestId("history-summary")).ToHaveTextAsync(new Regex(@"^51–\d+ of [\d,]+ plays$"));
        await Assertions.Expect(page.GetByTestId("history-search").Locator("input")).ToHaveValueAsync(artistName);
        Assert.True(await page.GetByTestId("history-row").CountAsync() > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("history.png"), FullPage = true });

        // The same pages on a phone.
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(400);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("history-phone.png"), FullPage = true });
        await page.GotoAsync($"{_app.BaseUrl}/top?kind=artists");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("top-row")).ToHaveCountAsync(25);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("top-phone.png"), FullPage = true });
        await page.GetByTestId("top-row").First.Locator("a.top-item-name").ClickAsync();
        await page.GetByTestId("plays-over-time").ExpectChartAsync(errors);
        await page.WaitForTimeoutAsync(1_000);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("artist-phone.png"), FullPage = true });

        Assert.Empty(errors.All);
    }

    private static int Count(string text) => int.Parse(text.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }
}
