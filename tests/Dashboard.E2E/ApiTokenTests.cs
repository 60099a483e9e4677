using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.E2E.Support;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>
/// A token made on Settings that a script then uses, with no content security policy violation in the console on the
/// way (every page is checked under the policy with the accessibility checks).
/// </summary>
public sealed class ApiTokenTests(BrowserTestBed bed)
{
    [Fact]
    public async Task A_token_made_on_Settings_reads_the_API_until_revoked()
    {
        var violations = new ConcurrentQueue<string>();
        // A listener with a week of history, which the token reads; the sign-in's pages are watched too.
        await using var listener =
            await bed.SignInAsync(new ListenerOptions(ImportedDays: 7, Width: 1280, Height: 900),
                watch: page => PageErrors.WatchContentSecurityPolicy(page, violations));
        var page = listener.Page;
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.ExpectSettledAsync();

        await page.Locator("input[data-testid=token-name], [data-testid=token-name] input").First.FillAsync(
            "Kitchen display");
        await page.GetByTestId("create-token").ClickAsync();
        var secret = (await page.GetByTestId("new-token").TextContentAsync())!.Trim();
        await Assertions.Expect(page.GetByTestId("token-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("token-list")).ToContainTextAsync("Kitchen display");
        // The new token is copied with a click, where the browser lets the page use the clipboard.
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"],
            new() { Origin = bed.App.BaseUrl });
        await page.GetByTestId("copy-token").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar"))
            .ToContainTextAsync("Copied the token \"Kitchen display\".");
        Assert.Equal(secret, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        // A second token may not take a name a live one has, in any case.
        await page.Locator("input[data-testid=token-name], [data-testid=token-name] input").First.FillAsync(
            "kitchen display");
        await page.GetByTestId("create-token").ClickAsync();
        await Assertions.Expect(page.GetByTestId("token-error")).ToHaveTextAsync(
            "You already have a token named \"kitchen display\". Give this one another name, or revoke that one " +
            "first.");
        await Assertions.Expect(page.GetByTestId("token-row")).ToHaveCountAsync(1);

        using var script = new HttpClient { BaseAddress = new Uri(bed.App.BaseUrl) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var overview = await script.GetAsync("/api/v1/analytics/overview?period=year");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.True((await overview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total_tracks_played")
            .GetInt32() > 0);
        Assert.Contains("default-src 'none'", overview.Headers.GetValues("Content-Security-Policy").Single());

        // The page shows when the token was last used once it reloads.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("token-row")).Not.ToContainTextAsync("never");
        await Screenshots.TakeAsync(page, "settings-api-tokens.png");

        await page.GetByTestId("revoke-token").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-tokens")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/analytics/overview")).StatusCode);

        Assert.True(violations.IsEmpty, string.Join(Environment.NewLine, violations));
        Assert.Matches(new Regex("^dash_[A-Za-z0-9_-]{43}$"), secret);
    }
}
