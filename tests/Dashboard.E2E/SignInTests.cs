using System.Text.RegularExpressions;
using Dashboard.Core.Imports;
using Dashboard.E2E.Support;
using Dashboard.SpotifyEmulator;
using Microsoft.EntityFrameworkCore;
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
        await Screenshots.TakeAsync(page, "signin.png", forReadme: true, fullPage: false);

        await page.GetByTestId("signin-button").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToContainTextAsync("would like to connect to your account");
        await Screenshots.TakeAsync(page, "emulator-consent.png", fullPage: false);
        // The other tests' listeners are accounts of the same emulator.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Demo Listener" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree" }).ClickAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(page)
            .ToHaveURLAsync(new Regex($"^{Regex.Escape(bed.App.BaseUrl)}/?$"), new() { Timeout = 60_000 });
        await page.WaitForInteractiveAsync();
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
            monthPlays.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        Assert.True(ParseCount(await plays.InnerTextAsync()) > monthPlays,
            "A year holds more plays than the last 30 days.");

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
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signin-message")).ToContainTextAsync("signed out");

        errors.ExpectNone();
        await page.Context.CloseAsync();
    }

    private static int ParseCount(string text) =>
        int.Parse(text.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
}
