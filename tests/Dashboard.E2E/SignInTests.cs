using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Formatting;
using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Sync;
using Dashboard.E2E.Support;
using Dashboard.SpotifyEmulator;
using Dashboard.Web.Hosting;
using Dashboard.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>The demo listener, whom no other test signs in as, through demo mode's own sign-in and import.</summary>
public sealed class SignInTests(BrowserTestBed bed)
{
    [Fact]
    public async Task Demo_listener_signs_in_through_the_emulator_and_sees_the_overview()
    {
        var page = await bed.OpenAsync();
        var errors = PageErrors.Watch(page, bed.App.Log);

        await page.GotoAsync(bed.App.BaseUrl);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Assertions.Expect(page.GetByTestId("demo-notice")).ToBeVisibleAsync();
        // The picture's figures are made up, and it says so.
        await Assertions.Expect(page.GetByTestId("signin-example")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("signin-example"))
            .ToHaveTextAsync("An example, not your figures: yours appear once you sign in.");
        await Screenshots.TakeAsync(page, "signin.png", forReadme: true, fullPage: false);

        await page.GetByTestId("signin-button").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToContainTextAsync("would like to connect to your account");
        await Screenshots.TakeAsync(page, "emulator-consent.png", fullPage: false);
        // The other tests' listeners are accounts of the same emulator.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Demo Listener" }).CheckAsync();
        var signingIn = bed.Clock.GetUtcNow();
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree" }).ClickAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(page)
            .ToHaveURLAsync(new Regex($"^{Regex.Escape(bed.App.BaseUrl)}/?$"), new() { Timeout = 60_000 });
        var signedIn = bed.Clock.GetUtcNow();
        await page.WaitForInteractiveAsync();
        // The sign-in outlasts the browser: its cookie ends about 30 days after it was made, not with the browser
        // session. About: the browser's reckoning of the end was seen a minute or two off the server's clock.
        var cookie = (await page.Context.CookiesAsync()).First(c => c.Name == "dashboard.auth");
        var expires = DateTimeOffset.FromUnixTimeMilliseconds((long)(cookie.Expires * 1000));
        var lifetime = AuthenticationExtensions.SignInLifetime;
        Assert.InRange(expires, signingIn.Add(lifetime).AddMinutes(-5), signedIn.Add(lifetime).AddMinutes(5));
        // The history is imported after the sign-in, queued as any upload is: the overview says how far it got and
        // loads the figures again when it ends.
        await BrowserTestBed.WaitUntilAsync(async () =>
        {
            await using var db = await bed.DbAsync();
            return await db.Imports.AnyAsync(i => i.Status == ImportStatus.Completed
                                                && db.Users.Any(u => u.Id == i.UserId
                                                    && u.SpotifyId == SpotifyEmulatorServer.DemoUserId));
        }, "the demo listener's history to be imported", TimeSpan.FromMinutes(2));
        await Assertions.Expect(page.GetByTestId("import-notice")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        // The imported tracks wait for their look-ups (a few a sync): the overview says how many, counted again when
        // a sync ends, so once the syncs that signing in started have ended.
        var userId = await DemoUserIdAsync();
        await bed.WaitForSyncsToSettleAsync(userId);
        var awaitingLookUp = await bed.App.Services.GetRequiredService<CatalogueLookups>()
            .TracksPendingAsync(userId, CancellationToken.None);
        Assert.True(awaitingLookUp > 0, "The imported tracks are not all looked up by the first sync.");
        await Assertions.Expect(page.GetByTestId("lookup-notice")).ToHaveTextAsync(
            $"{Figures.Count(awaitingLookUp, "track")} still being looked up on Spotify. " +
            "Until then a track counts only under the artist and album your export named, so figures by artist and " +
            "album can still change as the look-ups go on.");
        // Which plays the figures count, and where that is set.
        await Assertions.Expect(page.GetByTestId("play-count-note")).ToHaveTextAsync(
            "Plays are the ones your play-count rule counts: plays of at least 30 seconds. You can change the rule " +
            "in Settings.");
        await Assertions.Expect(page.GetByTestId("play-count-settings")).ToHaveAttributeAsync("href", "settings");
        var plays = page.GetByTestId("stat-plays").Locator(".stat-card-value");
        await Assertions.Expect(plays).ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"));
        await page.ExpectGraphAsync("plays-per-day", errors);
        await page.ExpectGraphAsync("listening-clock", errors);
        await Assertions.Expect(page.GetByTestId("top-artists").Locator(".top-list-item")).ToHaveCountAsync(5);
        await Screenshots.TakeAsync(page, "overview-light.png", forReadme: true);

        var monthPlays = ParseCount(await plays.InnerTextAsync());
        await page.Locator("[data-period='year']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("period=year"));
        await Assertions.Expect(page.GetByTestId("period-range")).ToContainTextAsync("Last 365 days");
        await Assertions.Expect(plays).Not.ToHaveTextAsync(
            monthPlays.ToString("N0", CultureInfo.GetCultureInfo("en-GB")));
        Assert.True(ParseCount(await plays.InnerTextAsync()) > monthPlays,
            "A year holds more plays than the last 30 days.");
        // What was listened to, by listening time: podcasts, few plays but long ones, take a larger share.
        var content = page.GetByTestId("content-share");
        var podcasts = content.Locator(".share-list li").Filter(new() { HasText = "Podcasts" }).Locator("strong");
        var podcastPlays = Percent(await podcasts.InnerTextAsync());
        await content.Locator("[data-measure=time]").ClickAsync();
        await Assertions.Expect(content.Locator("figcaption"))
            .ToContainTextAsync("Share of listening time by kind of listening.");
        Assert.True(Percent(await podcasts.InnerTextAsync()) > podcastPlays,
            $"Podcasts' share of the time is larger than their {podcastPlays}% of the plays.");
        await content.Locator("[data-measure=plays]").ClickAsync();
        await Assertions.Expect(content.Locator("figcaption"))
            .ToContainTextAsync("Share of plays by kind of listening.");

        await page.ExpectGraphAsync("plays-per-day", errors);
        var playsPerDay = await page.GraphVersionAsync("plays-per-day");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();
        // The chart is drawn again in its dark colours.
        await page.ExpectGraphRedrawnAsync("plays-per-day", playsPerDay, errors);
        await page.Mouse.MoveAsync(0, 0); // the toggle's tooltip is not part of the page
        await Screenshots.TakeAsync(page, "overview-dark.png", forReadme: true);

        // The choice is remembered: a fresh load renders dark from the first paint.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".app-root[data-theme='dark']")).ToBeVisibleAsync();

        await Screenshots.ResizeAsync(page, 390, 844);
        await Screenshots.TakeAsync(page, "overview-phone.png", forReadme: true);

        await page.WaitForInteractiveAsync();

        // Two past days: a bar for each, and the streak as it stood on the second.
        var (from, to, perDay, streak) = await PastDaysAsync(userId);
        await page.GotoAsync(
            $"{bed.App.BaseUrl}/?period=custom&from={Address(from)}&to={Address(to)}");
        await page.ExpectGraphAsync("plays-per-day", errors);
        var dayBars = page.GetByTestId("plays-per-day");
        await Assertions.Expect(dayBars.Locator(".apexcharts-xaxis-label tspan"))
            .ToHaveTextAsync([from.ToString("d MMM", Figures.Culture), to.ToString("d MMM", Figures.Culture)]);
        await Assertions.Expect(dayBars.Locator("figcaption tbody td:first-child"))
            .ToHaveTextAsync([Figures.Day(from), Figures.Day(to)]);
        await Assertions.Expect(dayBars.Locator("figcaption tbody td:nth-child(2)")).ToHaveTextAsync(perDay);
        await Assertions.Expect(page.GetByTestId("stat-streak").Locator(".stat-card-label"))
            .ToHaveTextAsync($"Streak on {Figures.Day(to)}");
        await Assertions.Expect(page.GetByTestId("stat-streak").Locator(".stat-card-value"))
            .ToHaveTextAsync(Figures.Days(streak));
        // The plays of each hour of those days, as the graph's text alternative reads them: "1 play" for one.
        await Assertions.Expect(page.GetByTestId("hourly").Locator("figcaption li"))
            .ToHaveTextAsync(await PlaysByHourAsync(userId, from, to));

        // Once the last tracks are looked up the notice goes: the open page counts again when that sync ends.
        var notice = page.GetByTestId("lookup-notice");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        var lastRun = await LeaveOnlyTheLastRunsLookUpsAsync(userId);
        Assert.Equal(lastRun, await bed.App.Services.GetRequiredService<CatalogueLookups>()
            .TracksPendingAsync(userId, CancellationToken.None));
        Assert.Equal(SyncStart.Started, await bed.App.Services.GetRequiredService<SyncSchedule>()
            .StartNowAsync(userId, SyncTrigger.Manual, CancellationToken.None));
        await Assertions.Expect(notice).ToHaveCountAsync(0, new() { Timeout = 180_000 });
        Assert.Equal(0, await bed.App.Services.GetRequiredService<CatalogueLookups>()
            .TracksPendingAsync(userId, CancellationToken.None));

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signin-message")).ToContainTextAsync("signed out");

        errors.ExpectNone();
        await page.Context.CloseAsync();
    }

    private async Task<int> DemoUserIdAsync()
    {
        await using var db = await bed.DbAsync();
        return await db.Users.Where(u => u.SpotifyId == SpotifyEmulatorServer.DemoUserId).Select(u => u.Id)
            .SingleAsync();
    }

    /// <summary>
    /// Marks the listener's tracks as looked up, all but as many as one sync looks up, which are left to the next sync.
    /// The syncs get there by themselves a few look-ups at a time, within an hourly budget of calls: hours for the
    /// hundreds of tracks of the imported history, and a burst of them would also crowd the rate limit that every
    /// test's listener shares.
    /// </summary>
    /// <returns>How many tracks are left to look up.</returns>
    private async Task<int> LeaveOnlyTheLastRunsLookUpsAsync(int userId)
    {
        var perRun = bed.App.Services.GetRequiredService<IOptions<SyncOptions>>().Value.LookupsPerRun;
        await using var db = await bed.DbAsync();
        var played = db.Tracks.Where(t => t.UserId == userId && t.SpotifyId != null
            && t.Enrichment == EnrichmentState.Pending
            && db.ItemTotals.Any(i => i.UserId == userId && i.Kind == ItemKind.Track && i.ItemId == t.Id));
        var left = await played.OrderBy(t => t.Id).Select(t => t.Id).Take(perRun).ToListAsync();
        var now = bed.Clock.GetUtcNow().UtcDateTime;
        await db.Tracks.Where(t => t.UserId == userId && t.Enrichment == EnrichmentState.Pending
                && !left.Contains(t.Id))
            .ExecuteUpdateAsync(t =>
                t.SetProperty(x => x.Enrichment, EnrichmentState.Done).SetProperty(x => x.EnrichedAt, now));
        return left.Count;
    }

    /// <summary>
    /// The last two days, a week ago or more, that both have counted plays, what each counted, and the streak of days
    /// with counted plays that ended on the second.
    /// </summary>
    private async Task<(DateOnly From, DateOnly To, string[] Plays, int Streak)> PastDaysAsync(int userId)
    {
        await using var db = await bed.DbAsync();
        var days = (await db.Plays.Where(p => p.UserId == userId && p.Counted)
                .GroupBy(p => p.LocalDate).Select(g => new { Day = g.Key, Plays = g.Count() }).ToListAsync())
            .ToDictionary(d => d.Day, d => d.Plays);
        var weekAgo = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(bed.Clock.GetUtcNow(),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime).AddDays(-7);
        var to = days.Keys.Where(d => d <= weekAgo && days.ContainsKey(d.AddDays(-1))).Max();
        var streak = 0;
        while (days.ContainsKey(to.AddDays(-streak)))
        {
            streak++;
        }
        var from = to.AddDays(-1);
        return (from, to, [Plain(days[from]), Plain(days[to])], streak);
    }

    /// <summary>Each hour's counted plays over some days, as a sentence: "07:00: 1 play".</summary>
    private async Task<string[]> PlaysByHourAsync(int userId, DateOnly from, DateOnly to)
    {
        await using var db = await bed.DbAsync();
        var hours = (await db.Plays.Where(p => p.UserId == userId && p.Counted && p.LocalDate >= from
                    && p.LocalDate <= to)
                .GroupBy(p => p.LocalHour).Select(g => new { Hour = g.Key, Plays = g.Count() }).ToListAsync())
            .ToDictionary(h => (int)h.Hour, h => h.Plays);
        return [.. Enumerable.Range(0, 24)
            .Select(h => $"{Figures.Hour(h)}: {Figures.Count(hours.GetValueOrDefault(h), "play")}")];
    }

    /// <summary>A number as the graphs' tables write it: no thousands separator.</summary>
    private static string Plain(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Address(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Percent(string text) =>
        int.Parse(text.TrimEnd('%'), CultureInfo.InvariantCulture);

    private static int ParseCount(string text) =>
        int.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);
}
