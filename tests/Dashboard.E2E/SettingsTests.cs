using System.Text.RegularExpressions;
using Dashboard.E2E.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.E2E;

public sealed class SettingsTests(BrowserTestBed bed)
{
    [Fact]
    public async Task A_new_listener_gets_the_browsers_time_zone_and_can_change_zone_and_rule()
    {
        // Someone new, with no history: their zone still the default until the browser tells it.
        await using var listener =
            await bed.SignInAsync(
                new ListenerOptions(ImportedDays: 0, Width: 1280, Height: 900, TimeZone: "America/Chicago"));
        var page = listener.Page;

        await BrowserTestBed.WaitUntilAsync(async () =>
        {
            await using var db = await bed.DbAsync();
            return await db.Users.AnyAsync(u => u.Id == listener.UserId && u.TimeZone == "America/Chicago");
        }, "the listener to get their browser's zone America/Chicago", TimeSpan.FromSeconds(30));

        await page.GotoAsync($"{bed.App.BaseUrl}/settings");
        await page.WaitForInteractiveAsync();
        var zone = page.Locator("input[data-testid=time-zone], [data-testid=time-zone] input").First;
        await Assertions.Expect(zone).ToHaveValueAsync(new Regex("^America/Chicago"));

        // The list opens with every zone before anything is typed, the chosen one first.
        await zone.ClickAsync();
        var listed = page.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(listed.First).ToHaveTextAsync("America/Chicago (UTC-06:00)");
        await Assertions.Expect(listed.Filter(new() { HasText = "Asia/Tokyo (UTC+09:00)" })).ToHaveCountAsync(1);
        Assert.True(await listed.CountAsync() > 300, $"{await listed.CountAsync()} zones listed");

        await zone.FillAsync("Tokyo");
        await page.GetByText("Asia/Tokyo (UTC+09:00)").ClickAsync();
        await Assertions.Expect(zone).ToHaveValueAsync(new Regex("^Asia/Tokyo"));
        // The rule is picked, and seen picked, by a click sent to it: on a loaded machine the zone's list can open
        // again as the input takes the focus back from the clicked zone, and lie over the rules and the button.
        var everyPlay = page.GetByRole(AriaRole.Radio, new() { Name = "Every play", Exact = true });
        await everyPlay.DispatchEventAsync("click");
        await Assertions.Expect(everyPlay).ToBeCheckedAsync();
        await page.GetByTestId("save-settings").DispatchEventAsync("click");
        // While the history is recounted, the page names the zone it is recounted on: the new one.
        await Assertions.Expect(page.GetByTestId("settings-applying-text")).ToHaveTextAsync(
            "Recounting your history on the Asia/Tokyo clock… figures update when it is done.");
        // Done when the recount message goes, and only then said to be: the page may have opened while the browser's
        // zone was applied, whose own message said that change was done.
        await Assertions.Expect(page.GetByTestId("settings-applying")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Your history now counts with the new settings.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("settings-error")).ToHaveCountAsync(0);
        await Assertions.Expect(zone).ToHaveValueAsync(new Regex("^Asia/Tokyo"));
        await Screenshots.TakeAsync(page, "settings.png");

        await using var db = await bed.DbAsync();
        var user = await db.Users.SingleAsync(u => u.Id == listener.UserId);
        Assert.Equal(("Asia/Tokyo", Core.Listening.PlayCountRule.AllPlays), (user.TimeZone, user.PlayCountRule));
    }
}
