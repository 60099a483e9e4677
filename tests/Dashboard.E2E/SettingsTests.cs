using Dashboard.Core.Data;
using Dashboard.E2E.Support;
using Dashboard.SpotifyEmulator;
using Dashboard.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E;

public sealed class SettingsTests : IAsyncLifetime
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
    public async Task A_new_listener_gets_the_browsers_time_zone_and_can_change_zone_and_rule()
    {
        // Someone new, with no history: their zone still the default until the browser tells it.
        _app.Services.GetRequiredService<DemoSpotify>().Emulator.State.AddListener(new NewListener("newcomer", "New Comer", 7));
        var page = await (await _browser.NewContextAsync(new() { TimezoneId = "America/Chicago", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await page.GotoAsync($"{_app.BaseUrl}/signin");
        await page.GetByTestId("signin-button").ClickAsync();
        await page.GetByText("New Comer").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree" }).ClickAsync(new() { Timeout = 60_000 });
        await page.WaitForInteractiveAsync();

        await WaitForZoneAsync("newcomer", "America/Chicago");

        await page.GotoAsync($"{_app.BaseUrl}/settings");
        await page.WaitForInteractiveAsync();
        var zone = page.Locator("input[data-testid=time-zone], [data-testid=time-zone] input").First;
        await Assertions.Expect(zone).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^America/Chicago"));

        await zone.FillAsync("Tokyo");
        await page.GetByText("Asia/Tokyo (UTC+09:00)").ClickAsync();
        await Assertions.Expect(zone).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Asia/Tokyo"));
        // The rule is picked once the zone's list has closed (a click while it redraws can be lost) and seen picked.
        await page.GetByText("Every play", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Every play", Exact = true })).ToBeCheckedAsync();
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(page.GetByText("Your history now counts with the new settings.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("settings.png"), FullPage = true });

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.SpotifyId == "newcomer");
        Assert.Equal(("Asia/Tokyo", Core.Listening.PlayCountRule.AllPlays), (user.TimeZone, user.PlayCountRule));
    }

    private async Task WaitForZoneAsync(string spotifyId, string zone)
    {
        var factory = _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync();
            if (await db.Users.AnyAsync(u => u.SpotifyId == spotifyId && u.TimeZone == zone))
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"{spotifyId} never got the zone {zone}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }
}
