using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.E2E.Support;
using Dashboard.Web.Components.Layout;
using Deque.AxeCore.Commons;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>
/// Every page passes axe-core's WCAG 2.1 A and AA rules with no serious or critical violation, in the light and the
/// dark theme, on a 1366 px screen and a 390 px phone, runs under the content security policy with nothing refused in
/// the console, and is laid out whole (<see cref="Layout"/>): each page loads once per theme for all of it.
/// </summary>
[RunsLong]
public sealed class AccessibilityTests(BrowserTestBed bed)
{
    private static readonly (int Width, int Height) DesktopScreen = (1366, 900);
    private static readonly (int Width, int Height) PhoneScreen = (390, 844);

    [Fact]
    public async Task Every_page_passes_WCAG_21_AA_the_CSP_and_the_layout_checks_in_both_themes_on_both_screens()
    {
        // Two months: every page shows figures and charts (the pages show the last 30 days), and History and the top
        // 50 run far below the first screen.
        await using var listener = await bed.SignInAsync(
            new ListenerOptions(ImportedDays: 60, Width: DesktopScreen.Width, Height: DesktopScreen.Height));
        // A token, listed on Settings: its row too must fit a phone.
        await bed.App.Services.GetRequiredService<ApiTokens>()
            .CreateAsync(listener.UserId, "Home Assistant", CancellationToken.None);
        var paths = await PagesAsync(listener.Page);

        // The first control of every page skips the app bar and the menu, and the account menu opens by keyboard.
        var page = listener.Page;
        Assert.Equal("skip-link", await page.EvaluateAsync<string>(
            "() => document.querySelector('a[href], button, input, [tabindex=\"0\"]').dataset.testid"));
        await page.GetByTestId("skip-link").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main-content")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("sign-out")).ToBeHiddenAsync();
        var signedIn = await listener.Page.Context.StorageStateAsync();

        // Each theme's pages in two browser contexts of their own, every other page each, signed in as the listener:
        // the four side by side, since axe-core takes a second or more a page on the one thread of a page's renderer.
        // Each page is checked as it loads on the desktop, then again once the window is a phone's: the page
        // lays itself out again as on a phone, without loading twice.
        var csp = new ConcurrentQueue<string>();
        var problems = await Task.WhenAll(
            from dark in (bool[])[false, true]
            from half in (int[])[0, 1]
            select CheckPagesAsync(signedIn, dark, paths.Where((_, i) => i % 2 == half).ToList(), csp));
        // The sign-in page, signed out.
        var signedOut = await bed.OpenAsync(DesktopScreen.Width, DesktopScreen.Height);
        PageErrors.WatchContentSecurityPolicy(signedOut, csp);
        await signedOut.GotoAsync(bed.App.BaseUrl + "/signin");
        await Assertions.Expect(signedOut.GetByTestId("signin-button")).ToBeVisibleAsync();
        var all = problems.SelectMany(found => found)
            .Concat(Problems(await Axe.RunAsync(signedOut), "/signin (signed out)")).ToList();
        await signedOut.Context.CloseAsync();

        Assert.True(all.Count == 0, $"{all.Count} problems (axe-core's serious or critical violations, layout):\n" +
            string.Join('\n', all));
        Assert.True(csp.IsEmpty, string.Join(Environment.NewLine, csp));
    }

    /// <summary>The problems of each page in <paramref name="paths"/>, in a theme, desktop then phone.</summary>
    private async Task<List<string>> CheckPagesAsync(string signedIn, bool dark, List<string> paths,
        ConcurrentQueue<string> csp)
    {
        var context = await bed.NewContextAsync(signedIn);
        await context.AddCookiesAsync(
            [new Cookie { Name = ThemeCookie.Name, Value = dark ? "dark" : "light", Url = bed.App.BaseUrl }]);
        var page = await context.NewPageAsync();
        PageErrors.WatchContentSecurityPolicy(page, csp);
        var found = new List<string>();
        foreach (var path in paths)
        {
            await page.SetViewportSizeAsync(DesktopScreen.Width, DesktopScreen.Height);
            await page.GotoAsync(bed.App.BaseUrl + path);
            // Its figures loaded and its charts drawn: every script the page runs has run.
            await page.ExpectSettledAsync();
            await CheckAsync(page, path, dark, "desktop", found);

            await page.SetViewportSizeAsync(PhoneScreen.Width, PhoneScreen.Height);
            // The menu folds away once the app has heard of the phone's width.
            await Assertions.Expect(page.Locator(".app-drawer.mud-drawer--closed")).ToBeAttachedAsync();
            await page.ExpectSettledAsync();
            await CheckAsync(page, path, dark, "phone", found);
        }
        await context.CloseAsync();
        return found;
    }

    /// <summary>
    /// Axe-core's findings on the page as it is, and, in the light theme (the dark one lays out the same), what is
    /// wrong with its layout; with its picture when screenshots are asked for.
    /// </summary>
    private static async Task CheckAsync(IPage page, string path, bool dark, string screen, List<string> found)
    {
        var where = $"{path} ({(dark ? "dark" : "light")}, {screen})";
        found.AddRange(Problems(await Axe.RunAsync(page), where));
        if (!dark)
        {
            found.AddRange(await Layout.ProblemsAsync(page, where));
            await Screenshots.TakeAsync(page, $"layout-{Name(path)}-{screen}.png", fullPage: false);
        }
    }

    /// <summary>
    /// Every page of the app, with the detail pages of the overview's first track, artist and album; the Overview and
    /// History also on a range whose days and months both take two digits, the widest a day can be written.
    /// </summary>
    private async Task<string[]> PagesAsync(IPage page)
    {
        async Task<string> FirstAsync(string kind) =>
            "/" + (await page.Locator($"a[href^='{kind}/'], a[href^='/{kind}/']").First.GetAttributeAsync("href"))!
                .TrimStart('/');
        var today = DateOnly.FromDateTime(bed.Clock.GetUtcNow().UtcDateTime);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-2).AddDays(27);
        var range = $"from={Day(from)}&to={Day(from.AddMonths(1))}";
        return ["/", "/?period=custom&" + range, "/top?kind=artists&limit=50", "/history?" + range,
            "/trend?breakdown=platform", "/charts", "/habits", "/imports", "/jobs", "/api-calls", "/player", "/reports",
            "/settings", await FirstAsync("tracks"), await FirstAsync("artists"), await FirstAsync("albums"),
            "/no-such-page"];
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A picture's name for a page: "history-range", "artists-12", "overview".</summary>
    private static string Name(string path) =>
        (path.Split('?')[0].Trim('/').Replace('/', '-') is { Length: > 0 } name ? name : "overview") +
        (path.Contains("from=", StringComparison.Ordinal) ? "-range" : "");

    private static IEnumerable<string> Problems(AxeResult result, string where) =>
        result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation =>
                $"{where}: {violation.Id} ({violation.Impact}) {violation.Help}: " +
                string.Join("; ", violation.Nodes.Take(3).Select(node => string.Join(" ", node.Target))) +
                (violation.Nodes.Length > 3 ? $" and {violation.Nodes.Length - 3} more" : "") +
                $", first: {violation.Nodes[0].Html[..Math.Min(160, violation.Nodes[0].Html.Length)]}");
}
