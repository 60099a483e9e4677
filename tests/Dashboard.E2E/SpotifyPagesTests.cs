using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Data;
using Dashboard.Core.Formatting;
using Dashboard.Core.Spotify;
using Dashboard.E2E.Support;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Demo;
using Dashboard.Web.Demo;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Quartz;

namespace Dashboard.E2E;

/// <summary>Sync jobs, API calls, player and the Spotify connection in the browser, as the demo listener uses them.</summary>
public sealed class SpotifyPagesTests : IAsyncLifetime
{
    /// <summary>Syncs and the server's work on a busy machine take their time.</summary>
    private static readonly LocatorAssertionsToHaveCountOptions SyncWait = new() { Timeout = 180_000 };

    private readonly ShiftedClock _clock = new();
    private AppServer _app = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async ValueTask InitializeAsync()
    {
        (_playwright, _browser) = await Browser.LaunchAsync();
        // One scheduled sync a day: after the first, only the test starts syncs, so the counts on the pages hold still.
        _app = new AppServer(_clock, new Dictionary<string, string> { ["Sync:Interval"] = "1.00:00:00" });
    }

    [Fact]
    public async Task Sync_now_runs_its_steps_the_calls_it_made_are_logged_and_the_player_follows_the_listener()
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 }, TimezoneId = "Europe/Berlin" });
        var page = await context.NewPageAsync();
        var errors = PageErrors.Watch(page, _app);
        await page.SignInAsync(_app.BaseUrl);
        var userId = await DemoUserIdAsync();

        // Sync jobs: signing in synced at once (the schedule's first sync follows, or is passed over as just done); Sync now
        // adds one more, watched live.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sync jobs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sync jobs", Level = 1 })).ToBeVisibleAsync();
        var before = await WaitForSyncsToSettleAsync(userId);
        var rows = page.GetByTestId("run-row");
        await Assertions.Expect(rows).ToHaveCountAsync(before, SyncWait);
        await Assertions.Expect(page.Locator("[data-testid=run-row]:not([data-status=completed])")).ToHaveCountAsync(0);
        await Assertions.Expect(rows.Filter(new() { HasText = "First sign-in" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("syncing")).ToHaveCountAsync(0);
        await Assertions.Expect(Value(page, "stat-runs")).ToHaveTextAsync(Count(before));

        await page.GetByTestId("sync-now").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-notice")).ToHaveAttributeAsync("data-kind", "started");
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1, SyncWait);
        var manual = rows.First;
        await Assertions.Expect(manual).ToContainTextAsync("Manual");
        await Assertions.Expect(manual).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 180_000 });
        await Assertions.Expect(manual).ToContainTextAsync("5 of 5 done");
        // The notice that the sync started goes once it has ended; the figures count it.
        await Assertions.Expect(page.GetByTestId("sync-notice")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("syncing")).ToHaveCountAsync(0);
        var runs = before + 1;
        await Assertions.Expect(Value(page, "stat-runs")).ToHaveTextAsync(Count(runs));
        await Assertions.Expect(page.GetByTestId("stat-runs")).ToContainTextAsync($"{Count(runs)} completed · 0 failed · 0 paused");
        // The schedule's next sync: a day after its first.
        await Assertions.Expect(Value(page, "stat-next")).ToHaveTextAsync(new Regex(@"^in \d{1,2} h$"));

        await manual.GetByRole(AriaRole.Cell, new() { Name = "Manual" }).ClickAsync();
        var steps = page.GetByTestId("run-step");
        await Assertions.Expect(steps.Locator(".step-name")).ToHaveTextAsync(["Recently played", "Catalogue look-ups", "Library", "Top items", "Rollups"]);
        await Assertions.Expect(steps.Locator(".status-chip[data-status=completed]")).ToHaveCountAsync(5);
        await Assertions.Expect(steps.Nth(0).Locator(".step-details")).ToHaveTextAsync(new Regex(@"^\d+ new, \d+ already known"));
        await Assertions.Expect(steps.Nth(2).Locator(".step-details")).ToHaveTextAsync(new Regex(@"^\d+ playlists, \d+ saved albums, \d+ followed artists$"));
        // Top items: the step counts what Spotify's three ranges listed.
        var topDetails = await steps.Nth(3).Locator(".step-details").InnerTextAsync();
        var topCount = Regex.Match(topDetails, @"^(\d+) top artists and tracks over the short, medium and long term$");
        Assert.True(topCount.Success, topDetails);
        Assert.True(int.Parse(topCount.Groups[1].Value, CultureInfo.InvariantCulture) > 0, topDetails);
        await Assertions.Expect(steps.Nth(3).Locator(".step-items")).ToHaveTextAsync($"{topCount.Groups[1].Value} items");
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("sync-jobs.png"), FullPage = true });

        // API calls: every run asked for the recently played once and for the top items six times (two kinds, three ranges).
        await page.GetByRole(AriaRole.Link, new() { Name = "API calls" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API calls", Level = 1 })).ToBeVisibleAsync();
        var log = page.GetByTestId("call-log");
        await Assertions.Expect(page.GetByTestId("call-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var total = ParseCount(await Value(page, "stat-calls").InnerTextAsync());
        Assert.True(total >= runs * 10, $"{runs} syncs made at least {runs * 10} calls; the page counts {total}.");
        await Assertions.Expect(log).ToContainTextAsync($"{Count(total)} calls, newest first");
        await Assertions.Expect(page.GetByTestId("call-row")).ToHaveCountAsync(25); // the first page
        var errorCount = ParseCount(await Value(page, "stat-errors").InnerTextAsync());

        await FilterEndpointAsync(page, "recently-played");
        await Assertions.Expect(Value(page, "stat-calls")).ToHaveTextAsync(Count(runs));
        await Assertions.Expect(log).ToContainTextAsync($"{Count(runs)} calls, newest first");
        await Assertions.Expect(page.GetByTestId("call-row")).ToHaveCountAsync(runs);
        foreach (var row in await page.GetByTestId("call-row").AllAsync())
        {
            await Assertions.Expect(row).ToContainTextAsync("/v1/me/player/recently-played");
            await Assertions.Expect(row.GetByTestId("call-status")).ToHaveTextAsync("200");
        }
        await Assertions.Expect(Value(page, "stat-success")).ToHaveTextAsync("100%");
        await Assertions.Expect(Value(page, "stat-errors")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("top-endpoint")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("top-endpoint").Locator(".endpoint-label")).ToHaveTextAsync("GET /v1/me/player/recently-played");
        await Assertions.Expect(page.GetByTestId("top-endpoint").Locator(".endpoint-calls")).ToHaveTextAsync(Count(runs));

        await FilterEndpointAsync(page, "/v1/me/top/");
        await Assertions.Expect(Value(page, "stat-calls")).ToHaveTextAsync(Count(6 * runs));
        await Assertions.Expect(page.GetByTestId("top-endpoint").Locator(".endpoint-label"))
            .ToHaveTextAsync(["GET /v1/me/top/artists", "GET /v1/me/top/tracks"]);
        await Assertions.Expect(page.GetByTestId("top-endpoint").Locator(".endpoint-calls")).ToHaveTextAsync([Count(3 * runs), Count(3 * runs)]);

        // No filter but the method: the app never changed anything on Spotify, so no PUT.
        await FilterEndpointAsync(page, "");
        await Assertions.Expect(Value(page, "stat-calls")).ToHaveTextAsync(Count(total));
        await ChooseAsync(page, "filter-method", "PUT");
        await Assertions.Expect(page.GetByTestId("no-calls")).ToHaveTextAsync("No calls match these filters.");
        await Assertions.Expect(Value(page, "stat-calls")).ToHaveTextAsync("0");
        await Assertions.Expect(Value(page, "stat-success")).ToHaveTextAsync("–");
        await ChooseAsync(page, "filter-method", "Any method");
        // Answered 2xx: every call but the errors (nothing is redirected), and only 2xx rows.
        await ChooseAsync(page, "filter-status", "2xx");
        await Assertions.Expect(Value(page, "stat-calls")).ToHaveTextAsync(Count(total - errorCount));
        await Assertions.Expect(page.GetByTestId("call-status").Filter(new() { HasNotTextRegex = new Regex(@"^2\d\d$") })).ToHaveCountAsync(0);
        await ChooseAsync(page, "filter-status", "Any status");
        await Assertions.Expect(Value(page, "stat-calls")).ToHaveTextAsync(Count(total));
        await page.GetByTestId("status-distribution").ExpectChartAsync(errors);
        await page.WaitForTimeoutAsync(1_000); // let the chart finish drawing before the screenshot
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("api-calls.png"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(700, 600); // off the toggle, so its tooltip is not in the picture
        await page.WaitForTimeoutAsync(1_000); // let the chart redraw in its dark colours
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("api-calls-dark.png"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='light']")).ToBeVisibleAsync();

        // Player: at a moment the listener is well inside a play, the page shows it, moving on, with what comes next.
        var listener = _app.Services.GetRequiredService<DemoSpotify>().Emulator.State.FindUser(SpotifyEmulatorServer.DemoUserId)!.Listener!;
        var play = _clock.MoveToPlaying(listener);
        var next = listener.PlaysBetween(play.EndedAt, play.EndedAt.AddDays(3)).First(p => p.StartedAt >= play.EndedAt);
        await page.GetByRole(AriaRole.Link, new() { Name = "Player" }).ClickAsync();
        var nowPlaying = page.GetByTestId("now-playing");
        await Assertions.Expect(nowPlaying).ToHaveAttributeAsync("data-playing", "true", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("track-name")).ToHaveTextAsync(Name(play));
        if (play.Track is { } track)
        {
            await Assertions.Expect(page.GetByTestId("track-artists")).ToContainTextAsync(track.Artist.Name);
        }
        var progress = page.GetByTestId("progress");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-duration-ms", Duration(play).ToString(CultureInfo.InvariantCulture));
        var earliest = Elapsed(play);
        var first = await ProgressAsync(progress);
        var latest = Elapsed(play);
        // Drawn a moment before it was read: behind by at most the repaint and a busy machine's delay, never ahead.
        Assert.InRange(first, earliest - 20_000, latest + 1_000);
        await page.WaitForFunctionAsync(
            "first => Number(document.querySelector('[data-testid=progress]').dataset.progressMs) >= first + 2000", first,
            new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("queue-item").First.Locator(".queue-name")).ToHaveTextAsync(Name(next));
        await Assertions.Expect(page.GetByTestId("device-item").Filter(new() { HasText = "Active" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("device")).ToHaveTextAsync(new Regex(@"\S"));
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("player.png"), FullPage = true });

        // The listener stops: within a poll or two the page says so plainly.
        _clock.MoveToSilence(listener);
        await Assertions.Expect(page.GetByTestId("nothing-playing")).ToContainTextAsync("Nothing is playing", new() { Timeout = 30_000 });
        await Assertions.Expect(nowPlaying).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("queue")).ToContainTextAsync("Nothing queued.");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("player-nothing.png"), FullPage = true });

        // Settings: what the app may do, and until when Spotify accepts this sign-in.
        await page.GotoAsync($"{_app.BaseUrl}/settings");
        await page.WaitForInteractiveAsync();
        var connection = await ConnectionAsync(userId);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var scopes = _app.Services.GetRequiredService<IOptions<SpotifyOptions>>().Value.Scopes.Order(StringComparer.Ordinal).ToArray();
        await Assertions.Expect(page.GetByTestId("scopes").Locator(".mud-chip")).ToHaveTextAsync(scopes);
        await Assertions.Expect(page.GetByTestId("missing-scopes")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("connection-expiring")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("sign-in-again-by"))
            .ToContainTextAsync(LocalDay(connection.AuthorizedAt.AddMonths(SpotifyToken.RefreshTokenLifetimeMonths), berlin));
        await Assertions.Expect(page.GetByTestId("token-expiry")).ToContainTextAsync(new Regex(@"^valid until \d{1,2} \w{3,4} \d{4}, \d\d:\d\d"));
        await page.GetByTestId("spotify-connection").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("settings-spotify.png"), FullPage = true });

        // The four pages on a phone: nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await PhoneShotAsync(page, "jobs", "sync-jobs-phone.png", page.GetByTestId("run-row").First);
        await PhoneShotAsync(page, "api-calls", "api-calls-phone.png", page.GetByTestId("status-distribution").Locator(".apexcharts-svg"));
        play = _clock.MoveToPlaying(listener);
        await PhoneShotAsync(page, "player", "player-phone.png", page.GetByTestId("track-name").GetByText(Name(play), new() { Exact = true }));
        await PhoneShotAsync(page, "settings", "settings-phone.png", page.GetByTestId("scopes"));

        Assert.Empty(errors.All);
    }

    private async Task PhoneShotAsync(IPage page, string path, string screenshot, ILocator ready)
    {
        await page.GotoAsync($"{_app.BaseUrl}/{path}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(ready).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"/{path} is {widths[0]} px wide on a {widths[1]} px phone.");
        await page.WaitForTimeoutAsync(1_000); // let charts and progress finish moving before the screenshot
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath(screenshot), FullPage = true });
    }

    private static async Task FilterEndpointAsync(IPage page, string text)
    {
        // MudTextField puts its attributes on the input itself.
        await page.Locator("input[data-testid=filter-endpoint]").FillAsync(text);
    }

    private static async Task ChooseAsync(IPage page, string select, string option)
    {
        // MudSelect puts its attributes on its input, inside the control that opens it.
        await page.Locator(".mud-input-control", new() { Has = page.GetByTestId(select) }).ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Waits until the syncs that signing in started have ended: the schedule's first has fired (or was passed over as
    /// just done), so the next is a day away, and no sync is firing or running. Then only the test starts syncs.
    /// </summary>
    /// <returns>How many syncs the user has had.</returns>
    private async Task<int> WaitForSyncsToSettleAsync(int userId)
    {
        var schedule = _app.Services.GetRequiredService<SyncSchedule>();
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var attempt = 0; attempt < 1_800; attempt++)
        {
            if (await schedule.NextScheduledAsync(userId, CancellationToken.None) is { } next && next > _clock.GetUtcNow().AddHours(12)
                && (await scheduler.QueryFireInstances(new FireInstanceQuery { Job = SyncJob.Key })).Items.Count == 0
                && !await schedule.IsRunningAsync(userId, CancellationToken.None))
            {
                await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
                return await db.SyncRuns.CountAsync(r => r.UserId == userId);
            }
            await Task.Delay(100);
        }
        Assert.Fail("The syncs that signing in started never ended.");
        return 0;
    }

    private async Task<int> DemoUserIdAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.SpotifyId == SpotifyEmulatorServer.DemoUserId).Select(u => u.Id).SingleAsync();
    }

    private async Task<SpotifyToken> ConnectionAsync(int userId)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.SpotifyTokens.AsNoTracking().SingleAsync(t => t.UserId == userId);
    }

    private static ILocator Value(IPage page, string statCard) => page.GetByTestId(statCard).Locator(".stat-card-value");

    private static string Name(DemoPlay play) => play.Track?.Name ?? play.Episode!.Name;

    private static int Duration(DemoPlay play) => play.Track?.DurationMs ?? play.Episode!.DurationMs;

    private int Elapsed(DemoPlay play) => (int)(_clock.GetUtcNow().UtcDateTime - play.StartedAt).TotalMilliseconds;

    private static string Count(int value) => value.ToString("N0", Figures.Culture);

    private static int ParseCount(string text) => int.Parse(text, NumberStyles.AllowThousands, Figures.Culture);

    private static string LocalDay(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy", Figures.Culture);

    private static async Task<int> ProgressAsync(ILocator progress) =>
        int.Parse((await progress.GetAttributeAsync("data-progress-ms"))!, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }
}
