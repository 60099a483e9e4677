using System.Text.RegularExpressions;
using Dashboard.Core.Formatting;
using Dashboard.E2E.Support;
using Microsoft.Playwright;

namespace Dashboard.E2E;

public sealed class TopHistoryDetailTests(BrowserTestBed bed)
{
    [Fact]
    public async Task A_listener_goes_from_the_overview_and_top_lists_to_a_track_its_artist_and_their_history()
    {
        // Two months: the top lists show the last 30 days, and the artist of their top track has more than a page of
        // plays.
        await using var listener = await bed.SignInAsync(new ListenerOptions(ImportedDays: 60));
        var (page, errors) = (listener.Page, listener.Errors);
        errors.WatchFailedRequests(page);

        // The overview's top lists lead to the detail pages.
        var overviewArtist = page.GetByTestId("top-artists").Locator("a.top-list-name").First;
        await Assertions.Expect(overviewArtist).ToHaveAttributeAsync("href", new Regex(@"^artists/\d+$"));
        var overviewArtistName = await overviewArtist.InnerTextAsync();
        await overviewArtist.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/artists/\d+$"));
        // The detail page renders its heading with its figures, which take a while on a loaded machine.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync(overviewArtistName, new() { Timeout = 60_000 });

        // Top lists: artists, the top 50.
        await page.GetByRole(AriaRole.Link, new() { Name = "Top lists" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/top$"));
        await Assertions.Expect(page.GetByTestId("top-row")).ToHaveCountAsync(25);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Artists" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/top\?kind=artists$"));
        await Assertions.Expect(page.GetByTestId("top-row").First.Locator("a.top-item-name"))
            .ToHaveAttributeAsync("href", new Regex(@"^artists/\d+$"));
        await page.GetByTestId("top-limit").Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Top 50", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/top\?kind=artists&limit=50$"));
        await Assertions.Expect(page.GetByTestId("top-row")).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByTestId("top-count")).ToHaveTextAsync(new Regex(@"^50 of [\d,]+ artists$"));
        await Screenshots.TakeAsync(page, "top.png");

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
        Assert.True(Count(await plays.InnerTextAsync()) >= Count(trackPlays),
            "A lifetime holds at least the plays of the last 30 days.");
        await Assertions.Expect(page.GetByTestId("stat-first").Locator(".stat-card-value"))
            .ToHaveTextAsync(new Regex(@"^\d{1,2} \w{3} \d{4}$"));
        await page.ExpectGraphAsync("plays-over-time", errors);
        await page.ExpectGraphAsync("chart-run", errors);
        await Assertions.Expect(page.GetByTestId("platforms").GetByTestId("share").First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "track.png", forReadme: true);

        // Its artist, in the dark theme.
        var artistLink = page.GetByTestId("detail-artist").First;
        var artistName = await artistLink.InnerTextAsync();
        await artistLink.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/artists/\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(artistName);
        await Assertions.Expect(page.GetByTestId("stat-plays").Locator(".stat-card-value"))
            .ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"));
        await Assertions.Expect(page.GetByTestId("top-tracks")
            .GetByRole(AriaRole.Link, new() { Name = trackName, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("top-albums").Locator("a.top-list-name").First)
            .ToHaveAttributeAsync("href", new Regex(@"^albums/\d+$"));
        await page.ExpectGraphAsync("plays-over-time", errors);
        var playsOverTime = await page.GraphVersionAsync("plays-over-time");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();
        // The chart is drawn again in its dark colours.
        await page.ExpectGraphRedrawnAsync("plays-over-time", playsOverTime, errors);
        await page.Mouse.MoveAsync(700, 600); // off the toggle, so its tooltip is not in the picture
        await Screenshots.TakeAsync(page, "artist.png");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='light']")).ToBeVisibleAsync();
        // Platforms as people name them, not as the export records them.
        var platforms = page.GetByTestId("platforms").Locator(".share-name");
        await Assertions.Expect(platforms.Filter(new() { HasTextRegex = new Regex("^Android$") })).ToHaveCountAsync(1);
        await Assertions.Expect(platforms.Filter(new() { HasTextRegex = RawPlatform })).ToHaveCountAsync(0);

        // Every play of the artist, kept by their id: as many as the artist page counts with the short ones, and the
        // short ones alone are the plays the page does not count.
        var artistId = Regex.Match(page.Url, @"/artists/(\d+)$").Groups[1].Value;
        var counted = Count(await page.GetByTestId("stat-plays").Locator(".stat-card-value").InnerTextAsync());
        var inAll = Regex.Match(await page.GetByTestId("stat-plays").InnerTextAsync(),
            @"([\d,]+) in all, counting short plays");
        Assert.True(inAll.Success, "The artist has short plays, which the artist page's plays leave out.");
        var everyPlay = Count(inAll.Groups[1].Value);
        await page.GetByTestId("detail-history").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/history\?artist_id={artistId}$"));
        var summary = page.GetByTestId("history-summary");
        await Assertions.Expect(summary).ToHaveTextAsync(FirstPage(everyPlay));
        await Assertions.Expect(page.GetByTestId("play-count-note")).ToHaveTextAsync(
            "Every play is listed, counted or not. Your play-count rule counts plays of at least 30 seconds, as the " +
            "Overview and the other figures do; the others are marked not counted. You can change the rule in " +
            "Settings.");
        await Assertions.Expect(page.GetByTestId("play-count-settings")).ToHaveAttributeAsync("href", "settings");
        var platformCells = page.GetByTestId("history-row").Locator("td.col-platform");
        await Assertions.Expect(platformCells.Filter(new() { HasTextRegex = new Regex("^Android$") }).First)
            .ToBeVisibleAsync();
        await Assertions.Expect(platformCells.Filter(new() { HasTextRegex = RawPlatform })).ToHaveCountAsync(0);
        await page.GetByTestId("history-counted").Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Not counted", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/history\?artist_id={artistId}&counted=no$"));
        await Assertions.Expect(summary).ToHaveTextAsync(FirstPage(everyPlay - counted));
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(Math.Min(everyPlay - counted, 50));
        await Assertions.Expect(page.Locator("[data-testid=history-row]:not(:has([data-testid=not-counted]))"))
            .ToHaveCountAsync(0);

        // The artist's plays in the history, page 2.
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/history$"));
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(50);
        await Assertions.Expect(summary).ToHaveTextAsync(new Regex(@"^1–50 of [\d,]+ plays$"));
        var firstPage = await summary.InnerTextAsync();
        await page.GetByTestId("history-search").Locator("input").FillAsync(artistName);
        await Assertions.Expect(page)
            .ToHaveURLAsync(new Regex(@"/history\?q=" + Regex.Escape(Uri.EscapeDataString(artistName)) + "$"));
        // The artist's plays have arrived (not the first page of every play still on screen) before the pages are used:
        // a page button clicked while the list is redrawn is replaced before its click reaches the page.
        await Assertions.Expect(summary).Not.ToHaveTextAsync(firstPage);
        await Assertions.Expect(summary).ToHaveTextAsync(new Regex(@"^1–50 of [\d,]+ plays$"));
        await page.GetByTestId("history-pages").GetByRole(AriaRole.Button, new() { Name = "Page 2", Exact = true })
            .ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"page=2"));
        await Assertions.Expect(page.GetByTestId("history-summary"))
            .ToHaveTextAsync(new Regex(@"^51–\d+ of [\d,]+ plays$"));
        await Assertions.Expect(page.GetByTestId("history-search").Locator("input")).ToHaveValueAsync(artistName);
        Assert.True(await page.GetByTestId("history-row").CountAsync() > 0);
        await Screenshots.TakeAsync(page, "history.png");

        // The same pages on a phone.
        await Screenshots.ResizeAsync(page, 390, 844);
        await Screenshots.TakeAsync(page, "history-phone.png");
        // An address with a period the page cannot read, followed in the app (an old link): it says what it left out,
        // and the address becomes the one of what it shows. Loaded afresh, the address is put right as the circuit
        // starts, and the browser may abort a request of its own for it, which the page's error watch would count.
        await page.EvaluateAsync("url => Blazor.navigateTo(url)", "/top?kind=artists&period=fortnight");
        await Assertions.Expect(page.GetByTestId("address-notice")).ToHaveTextAsync(
            "This page could not use part of its address and left it out: period=fortnight: must be one of week, " +
            "month, quarter, year, all_time, custom. The address now shows what the page shows.");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/top\?kind=artists&period=month$"));
        await Assertions.Expect(page.GetByTestId("top-row")).ToHaveCountAsync(25);
        await Screenshots.TakeAsync(page, "top-phone.png");
        await page.GetByTestId("top-row").First.Locator("a.top-item-name").ClickAsync();
        await page.ExpectGraphAsync("plays-over-time", errors);
        await Screenshots.TakeAsync(page, "artist-phone.png");

        errors.ExpectNone();
    }

    /// <summary>A platform as exports and the API record it ("osx"), which pages never show.</summary>
    private static readonly Regex RawPlatform = new("^(android|ios|windows|osx|linux|web_player|cast)$");

    /// <summary>What History says above its first page of <paramref name="plays"/> plays.</summary>
    private static string FirstPage(int plays) =>
        $"1–{Figures.Count(Math.Min(plays, 50))} of {Figures.Count(plays, "play")}";

    private static int Count(string text) =>
        int.Parse(text.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
}
