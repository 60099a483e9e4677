using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Imports;
using Dashboard.Core.Spotify;
using Dashboard.E2E.Support;
using Dashboard.SpotifyEmulator;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Quartz;

[assembly: AssemblyFixture(typeof(BrowserTestBed))]

namespace Dashboard.E2E.Support;

/// <summary>
/// What every browser test shares, started once per run: the app on Kestrel in demo mode and headless Chromium. Each
/// test signs in a listener of its own (<see cref="SignInAsync"/>), a new account of the emulated Spotify, in a browser
/// context of its own: tests see neither each other's data nor each other's cookies.
/// </summary>
public sealed class BrowserTestBed : IAsyncLifetime
{
    /// <summary>
    /// Days of history the demo listener imports when signing in: only the sign-in test signs in as them, and it
    /// compares the last 30 days with the last 365.
    /// </summary>
    public const int DemoHistoryDays = 60;

    /// <summary>
    /// Days of listening the emulator generates for a listener who imports none, for its recently played.
    /// </summary>
    private const int GeneratedDaysWithoutImport = 30;

    /// <summary>
    /// A sign-in on a loaded machine: the consent, the tokens, the first sync's start, the first page.
    /// </summary>
    private const float SignInBoundMs = 60_000;

    private int _listeners;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private AppServer? _app;

    static BrowserTestBed() =>
        // Pages answer in well under a second on a quiet machine; the bound is for a loaded one.
        Assertions.SetDefaultExpectTimeout(15_000);

    /// <summary>
    /// The clock of the app and its emulator: the system's, moved forward only by the player's test, which runs alone
    /// (see PlayerTests).
    /// </summary>
    public ShiftedClock Clock { get; } = new();

    public AppServer App => _app ?? throw new InvalidOperationException("The app did not start: Chromium is missing.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Browser.ChromiumPath))
        {
            return; // Every test skips, or fails under CI, saying so (Browser.RequireChromium).
        }
        var browser = Browser.LaunchAsync();
        var database = await TestDatabase.CreateAsync();
        _app = await Task.Run(() => new AppServer(database, Clock, new Dictionary<string, string>
        {
            ["Spotify:Emulator:HistoryDays"] = DemoHistoryDays.ToString(CultureInfo.InvariantCulture),
            // One scheduled sync a day: after a listener's first, only the tests start syncs, so the figures hold
            // still.
            ["Sync:Interval"] = "1.00:00:00",
            // The syncs of every listener call the emulated Spotify as one app, whose rate limit (180 calls in 30 s)
            // they share: a few artist look-ups a run, not 40 (the lion's share of a run's calls), keep them well under
            // it, so that no call is refused and retried into the counts the tests check.
            ["Sync:LookupsPerRun"] = "3",
        }));
        (_playwright, _browser) = await browser;
    }

    /// <summary>A browser context of its own, in the state another one saved (signed in as a listener).</summary>
    public Task<IBrowserContext> NewContextAsync(string storageState)
    {
        Browser.RequireChromium();
        return _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = storageState,
            TimezoneId = "Europe/Berlin",
        });
    }

    /// <summary>A browser context of its own, signed out, for a test that signs in itself.</summary>
    public async Task<IPage> OpenAsync(int width = 1440, int height = 1000, string timeZone = "Europe/Berlin")
    {
        Browser.RequireChromium();
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timeZone,
            AcceptDownloads = true,
        });
        await Screenshots.PrepareAsync(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Adds a new listener to the emulated Spotify and signs them in through its consent page, in a browser context of
    /// their own. Returns on their overview.
    /// </summary>
    /// <remarks>
    /// A listener with history (<see cref="ListenerOptions.ImportedDays"/>) has been here before: the app knows them,
    /// their zone is the browser's, their privacy export is imported and their next sync is a day away, as demo mode
    /// leaves its demo listener after their first sign-in, less the first sync. That sync would queue behind every
    /// other listener's (syncs run one at a time), and one beside the import would write the same listener's catalogue
    /// at the same time; the first sign-in and its sync have tests of their own. A listener without history signs in
    /// for the first time.
    /// </remarks>
    /// <param name="watch">Called with the page before it signs in, to watch what the sign-in does too.</param>
    public async Task<Listener> SignInAsync(ListenerOptions options, Action<IPage>? watch = null)
    {
        Browser.RequireChromium();
        var number = Interlocked.Increment(ref _listeners);
        // The demo listener's seed: every test's listener plays what the demo listener plays, so the figures the tests
        // expect (Android the most used platform, say) hold for each.
        var account =
            App.Emulator.State.AddListener(
                new NewListener($"listener{number:D2}", $"Listener {number:D2}", new EmulatorSettings().Seed)
        {
            HistoryDays = options.ImportedDays > 0 ? options.ImportedDays : GeneratedDaysWithoutImport,
        });
        if (options.ImportedDays > 0)
        {
            await ReturningListenerAsync(account, options.TimeZone);
        }

        var page = await OpenAsync(options.Width, options.Height, options.TimeZone);
        var errors = PageErrors.Watch(page, App.Log);
        watch?.Invoke(page);
        await page.GotoAsync($"{App.BaseUrl}/signin");
        await page.GetByTestId("signin-button").ClickAsync();
        await page.Locator($"input[name=user][value='{account.Id}']").CheckAsync();
        // The click waits for the redirects that follow it (token, the user's first page).
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree" }).ClickAsync(new() { Timeout = SignInBoundMs });
        // The sign-in ends on the overview, or back on the sign-in page saying it failed.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(App.BaseUrl)}/(signin\\?error=.*)?$"),
            new() { Timeout = SignInBoundMs });
        Assert.True(page.Url.TrimEnd('/') == App.BaseUrl,
            $"{account.Id}'s sign-in ended on {page.Url}. Errors: {errors}");
        await page.WaitForInteractiveAsync();
        return new Listener(account, await UserIdAsync(account.Id), page, errors);
    }

    /// <summary>
    /// The app's user for an account that signed in before: zone set, history imported, next sync a day away.
    /// </summary>
    private async Task ReturningListenerAsync(EmulatedUser account, string timeZone)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var scopes = string.Join(' ', App.Services.GetRequiredService<IOptions<SpotifyOptions>>().Value.Scopes);
        // The earlier sign-in's tokens: never used, since no sync comes before the sign-in in the browser replaces
        // them.
        var user = await App.Services.GetRequiredService<UserAccounts>().SignInAsync(
            new SpotifyProfile(account.Id, account.AccountId, account.DisplayName, account.Email, account.Country,
            account.Product),
            new SpotifyTokens("earlier-access-token", "earlier-refresh-token", now.AddHours(1), scopes),
            CancellationToken.None);
        await using (var db = await DbAsync())
        {
            // As demo mode does for its demo listener: safe to set directly, with no plays yet to count again.
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(u =>
                    u.SetProperty(x => x.TimeZone, timeZone).SetProperty(x => x.TimeZoneSetAt, now));
        }

        var imports = App.Services.GetRequiredService<ImportService>();
        await using var export = new MemoryStream();
        await App.Emulator.WritePrivacyExportAsync(account.Id, export);
        export.Position = 0;
        IncomingFile[] files = [new("my_spotify_data.zip", export)];
        var import = await imports.CreateAsync(user.Id, files.ToAsyncEnumerable(), CancellationToken.None);
        await imports.RunAsync(import.Id, CancellationToken.None);
        var imported = await imports.GetAsync(user.Id, import.Id, CancellationToken.None);
        Assert.True(imported?.Status == ImportStatus.Completed, $"{account.Id}'s history did not import: {imported}");

        await App.Services.GetRequiredService<SyncSchedule>()
            .EnsureScheduledAsync(user.Id, syncStartedNow: true, CancellationToken.None);
    }

    /// <summary>
    /// Polls a condition on the app's state until it holds, failing with what was awaited after a bound.
    /// </summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan bound)
    {
        var until = DateTime.UtcNow + bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Waited {bound.TotalSeconds:0} s for {what}, in vain.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until the syncs that signing in started have ended: the schedule's first has fired (or was passed over as
    /// just done), so the next is a day away, and none of the user's syncs is firing or running. Then only the test
    /// starts their syncs.
    /// </summary>
    /// <returns>How many syncs the user has had.</returns>
    public async Task<int> WaitForSyncsToSettleAsync(int userId)
    {
        var schedule = App.Services.GetRequiredService<SyncSchedule>();
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await WaitUntilAsync(async () =>
            await schedule.NextScheduledAsync(userId, CancellationToken.None) is { } next
            && next > Clock.GetUtcNow().AddHours(12)
            && !(await scheduler.QueryFireInstances(new FireInstanceQuery { Job = SyncJob.Key })).Items
                .Any(f => f.TriggerKey.Name == $"sync-{userId}" || f.TriggerKey.Name == $"sync-now-{userId}")
            && !await schedule.IsRunningAsync(userId, CancellationToken.None),
            "the syncs that signing in started to end", TimeSpan.FromSeconds(180));
        await using var db = await DbAsync();
        return await db.SyncRuns.CountAsync(r => r.UserId == userId);
    }

    public async Task<DashboardDbContext> DbAsync() =>
        await App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    private async Task<int> UserIdAsync(string spotifyId)
    {
        await using var db = await DbAsync();
        return await db.Users.Where(u => u.SpotifyId == spotifyId).Select(u => u.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <param name="ImportedDays">
/// Days of generated history the listener imports, as a privacy export, before the test starts; 0 imports none, and the
/// listener has only the recent plays their first sync brings.
/// </param>
/// <param name="TimeZone">The browser's time zone, which becomes the listener's.</param>
public sealed record ListenerOptions(int ImportedDays, int Width = 1440, int Height = 1000,
    string TimeZone = "Europe/Berlin");

/// <summary>
/// A test's own listener: an account of the emulated Spotify, signed in to the app in a browser context of their own.
/// </summary>
/// <param name="Account">The emulator's account, whose generated plays are the listener's history.</param>
/// <param name="UserId">The app's id of the listener.</param>
public sealed record Listener(EmulatedUser Account, int UserId, IPage Page, PageErrors Errors) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => new(Page.Context.CloseAsync());
}
