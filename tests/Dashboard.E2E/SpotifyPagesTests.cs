using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Formatting;
using Dashboard.Core.Spotify;
using Dashboard.E2E.Support;
using Dashboard.SpotifyEmulator.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>Sync jobs, API calls and the Spotify connection in the browser, as a listener uses them.</summary>
[RunsLong]
public sealed class SpotifyPagesTests(BrowserTestBed bed)
{
    /// <summary>Syncs and the server's work on a busy machine take their time.</summary>
    private static readonly LocatorAssertionsToHaveCountOptions SyncWait = new() { Timeout = 180_000 };

    /// <summary>
    /// How long Spotify holds a sync's recently played: long enough to click Sync now again on a busy machine once the
    /// page shows the run, well short of the 10 s after which the app gives up on a call and asks again.
    /// </summary>
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Sync_now_runs_its_steps_and_the_calls_it_made_are_logged()
    {
        // A first sign-in, with no history imported: the syncs bring the listener's recent plays.
        await using var listener = await bed.SignInAsync(new ListenerOptions(ImportedDays: 0));
        var (page, errors, userId) = (listener.Page, listener.Errors, listener.UserId);

        // Sync jobs: signing in synced at once (the schedule's first sync follows, or is passed over as just done);
        // Sync now adds one more, watched live.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sync jobs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sync jobs", Level = 1 }))
            .ToBeVisibleAsync();
        var before = await bed.WaitForSyncsToSettleAsync(userId);
        var rows = page.GetByTestId("run-row");
        await Assertions.Expect(rows).ToHaveCountAsync(before, SyncWait);
        await Assertions.Expect(page.Locator("[data-testid=run-row]:not([data-status=completed])")).ToHaveCountAsync(0);
        await Assertions.Expect(rows.Filter(new() { HasText = "First sign-in" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("syncing")).ToHaveCountAsync(0);
        await Assertions.Expect(Value(page, "stat-runs")).ToHaveTextAsync(Count(before));

        // Spotify holds this listener's next recently played for a few seconds, so the sync Sync now starts is still
        // running when it is clicked again; the emulator's other listeners, other tests', are answered at once.
        bed.App.Emulator.State.Faults.Inject(
            Fault.Delayed(HeldFor, calls: 1, pathPrefix: Fault.RecentlyPlayedPath).For(listener.Account.Id));
        // The notice lasts as long as the sync: it is watched for from before the click, in the page, where a check
        // every few hundred milliseconds could miss it if the sync were quick.
        var started = page.Locator("[data-testid=sync-notice][data-kind=started]")
            .WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.GetByTestId("sync-now").ClickAsync();
        await started;
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1, SyncWait);
        var manual = rows.First;
        await Assertions.Expect(manual).ToContainTextAsync("Manual");
        // Held at its first step: a second Sync now starts nothing and says why, until the run ends.
        await Assertions.Expect(manual).ToHaveAttributeAsync("data-status", "running", new() { Timeout = 180_000 });
        await Assertions.Expect(manual).ToContainTextAsync("Recently played…");
        await page.GetByTestId("sync-now").ClickAsync();
        var notice = page.GetByTestId("sync-notice");
        await Assertions.Expect(notice).ToHaveAttributeAsync("data-kind", "alreadyrunning");
        await Assertions.Expect(notice)
            .ToHaveTextAsync("A sync is already running. It is shown below; you can start another once it ends.");
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        await Assertions.Expect(manual).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 180_000 });
        await Assertions.Expect(manual).ToContainTextAsync("5 of 5 done");
        // The notice goes once the run has ended; the figures count it, and only it.
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("syncing")).ToHaveCountAsync(0);
        var runs = before + 1;
        await Assertions.Expect(Value(page, "stat-runs")).ToHaveTextAsync(Count(runs));
        await Assertions.Expect(page.GetByTestId("stat-runs"))
            .ToContainTextAsync($"{Count(runs)} completed · 0 failed · 0 paused");
        // The schedule's next sync: a day after its first.
        await Assertions.Expect(Value(page, "stat-next")).ToHaveTextAsync(new Regex(@"^in \d{1,2} h$"));

        await manual.GetByRole(AriaRole.Cell, new() { Name = "Manual" }).ClickAsync();
        var steps = page.GetByTestId("run-step");
        await Assertions.Expect(steps.Locator(".step-name"))
            .ToHaveTextAsync(["Recently played", "Catalogue look-ups", "Library", "Top items", "Rollups"]);
        await Assertions.Expect(steps.Locator(".status-chip[data-status=completed]")).ToHaveCountAsync(5);
        await Assertions.Expect(steps.Nth(0).Locator(".step-details"))
            .ToHaveTextAsync(new Regex(@"^\d+ new, \d+ already known"));
        await Assertions.Expect(steps.Nth(2).Locator(".step-details"))
            .ToHaveTextAsync(new Regex(@"^\d+ playlists, \d+ saved albums, \d+ followed artists$"));
        // Top items: the step counts what Spotify's three ranges listed.
        var topDetails = await steps.Nth(3).Locator(".step-details").InnerTextAsync();
        var topCount = Regex.Match(topDetails, @"^(\d+) top artists and tracks over the short, medium and long term$");
        Assert.True(topCount.Success, topDetails);
        Assert.True(int.Parse(topCount.Groups[1].Value, CultureInfo.InvariantCulture) > 0, topDetails);
        await Assertions.Expect(steps.Nth(3).Locator(".step-items"))
            .ToHaveTextAsync($"{topCount.Groups[1].Value} items");
        await page.Mouse.MoveAsync(0, 0);
        await Screenshots.TakeAsync(page, "sync-jobs.png", forReadme: true);

        // API calls: every run asked for the recently played once and for the top items six times (two kinds, three
        // ranges).
        await page.GetByRole(AriaRole.Link, new() { Name = "API calls" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API calls", Level = 1 }))
            .ToBeVisibleAsync();
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
        await Assertions.Expect(page.GetByTestId("top-endpoint").Locator(".endpoint-label"))
            .ToHaveTextAsync("GET /v1/me/player/recently-played");
        await Assertions.Expect(page.GetByTestId("top-endpoint").Locator(".endpoint-calls"))
            .ToHaveTextAsync(Count(runs));

        await FilterEndpointAsync(page, "/v1/me/top/");
        await Assertions.Expect(Value(page, "stat-calls")).ToHaveTextAsync(Count(6 * runs));
        await Assertions.Expect(page.GetByTestId("top-endpoint").Locator(".endpoint-label"))
            .ToHaveTextAsync(["GET /v1/me/top/artists", "GET /v1/me/top/tracks"]);
        await Assertions.Expect(page.GetByTestId("top-endpoint").Locator(".endpoint-calls"))
            .ToHaveTextAsync([Count(3 * runs), Count(3 * runs)]);

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
        await Assertions.Expect(page.GetByTestId("call-status")
            .Filter(new() { HasNotTextRegex = new Regex(@"^2\d\d$") })).ToHaveCountAsync(0);
        await ChooseAsync(page, "filter-status", "Any status");
        await Assertions.Expect(Value(page, "stat-calls")).ToHaveTextAsync(Count(total));
        await page.ExpectGraphAsync("status-distribution", errors);
        await Screenshots.TakeAsync(page, "api-calls.png", forReadme: true);
        var distribution = await page.GraphVersionAsync("status-distribution");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();
        // The chart is drawn again in its dark colours.
        await page.ExpectGraphRedrawnAsync("status-distribution", distribution, errors);
        await page.Mouse.MoveAsync(700, 600); // off the toggle, so its tooltip is not in the picture
        await Screenshots.TakeAsync(page, "api-calls-dark.png");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='light']")).ToBeVisibleAsync();

        // Settings: what the app may do, and until when Spotify accepts this sign-in.
        await page.GotoAsync($"{bed.App.BaseUrl}/settings");
        await page.WaitForInteractiveAsync();
        var connection = await ConnectionAsync(userId);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var scopes =
            bed.App.Services.GetRequiredService<IOptions<SpotifyOptions>>().Value.Scopes.Order(StringComparer.Ordinal)
            .ToArray();
        await Assertions.Expect(page.GetByTestId("scopes").Locator(".mud-chip")).ToHaveTextAsync(scopes);
        await Assertions.Expect(page.GetByTestId("missing-scopes")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("connection-expiring")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("sign-in-again-by"))
            .ToContainTextAsync(
                LocalDay(connection.AuthorizedAt.AddMonths(SpotifyToken.RefreshTokenLifetimeMonths), berlin));
        await Assertions.Expect(page.GetByTestId("token-expiry"))
            .ToContainTextAsync(new Regex(@"^valid until \d{1,2} \w{3,4} \d{4}, \d\d:\d\d"));
        await page.GetByTestId("spotify-connection").ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "settings-spotify.png");

        // The three pages on a phone: nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.PhoneShotAsync($"{bed.App.BaseUrl}/jobs", "sync-jobs-phone.png", page.GetByTestId("run-row").First);
        await page.PhoneShotAsync($"{bed.App.BaseUrl}/api-calls", "api-calls-phone.png",
            page.GetByTestId("status-distribution").Locator(".apexcharts-svg"));
        await page.PhoneShotAsync($"{bed.App.BaseUrl}/settings", "settings-phone.png", page.GetByTestId("scopes"));

        errors.ExpectNone();
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

    private async Task<SpotifyToken> ConnectionAsync(int userId)
    {
        await using var db = await bed.DbAsync();
        return await db.SpotifyTokens.AsNoTracking().SingleAsync(t => t.UserId == userId);
    }

    private static ILocator Value(IPage page, string statCard) =>
        page.GetByTestId(statCard).Locator(".stat-card-value");

    private static string Count(int value) => value.ToString("N0", Figures.Culture);

    private static int ParseCount(string text) => int.Parse(text, NumberStyles.AllowThousands, Figures.Culture);

    private static string LocalDay(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy", Figures.Culture);
}
