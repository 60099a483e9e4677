using Dashboard.E2E.Support;
using Dashboard.Web.Components.Layout;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>
/// Every page passes axe-core's WCAG 2.1 A and AA rules with no serious or critical violation, in the light and the
/// dark theme, on a 1366 px screen and a 390 px phone.
/// </summary>
public sealed class AccessibilityTests(BrowserTestBed bed)
{
    /// <summary>The WCAG 2.1 A and AA rules, reporting violations only (faster than with every result).</summary>
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    private static readonly (string Name, int Width, int Height)[] Screens =
        [("desktop", 1366, 900), ("phone", 390, 844)];

    [Fact]
    public async Task Every_page_passes_WCAG_21_AA_in_both_themes_on_desktop_and_phone()
    {
        // Enough history for every page to show figures and charts: the pages show the last 30 days.
        await using var listener =
            await bed.SignInAsync(new ListenerOptions(ImportedDays: 35, Width: 1366, Height: 900));
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

        // Each theme in a browser context of its own, signed in as the listener, and each screen in a page of its own:
        // the four go through the pages side by side.
        var problems = await Task.WhenAll(((bool[])[false, true]).SelectMany(dark => Screens.Select(async screen =>
        {
            var context = await bed.NewContextAsync(signedIn);
            await context.AddCookiesAsync(
                [new Cookie { Name = ThemeCookie.Name, Value = dark ? "dark" : "light", Url = bed.App.BaseUrl }]);
            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(screen.Width, screen.Height);
            var found = new List<string>();
            foreach (var path in paths)
            {
                await page.GotoAsync(bed.App.BaseUrl + path);
                // Every part loaded; the charts are hidden from assistive technology, so they need not be drawn.
                await page.WaitForInteractiveAsync();
                await Assertions.Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0);
                var where = $"{path} ({(dark ? "dark" : "light")}, {screen.Name})";
                found.AddRange(Problems(await page.RunAxe(Wcag21AA), where));
            }
            await context.CloseAsync();
            return found;
        })));
        // The sign-in page, signed out.
        var signedOut = await bed.OpenAsync(1366, 900);
        await signedOut.GotoAsync(bed.App.BaseUrl + "/signin");
        await Assertions.Expect(signedOut.GetByTestId("signin-button")).ToBeVisibleAsync();
        var all = problems.SelectMany(found => found)
            .Concat(Problems(await signedOut.RunAxe(Wcag21AA), "/signin (signed out)")).ToList();
        await signedOut.Context.CloseAsync();

        Assert.True(all.Count == 0, $"{all.Count} serious or critical violations:\n{string.Join('\n', all)}");
    }

    /// <summary>Every page of the app, with the detail pages of the overview's first track, artist and album.</summary>
    private static async Task<string[]> PagesAsync(IPage page)
    {
        async Task<string> FirstAsync(string kind) =>
            "/" + (await page.Locator($"a[href^='{kind}/'], a[href^='/{kind}/']").First.GetAttributeAsync("href"))!
                .TrimStart('/');
        return ["/", "/top", "/history", "/trend?breakdown=platform", "/charts", "/habits", "/imports", "/jobs",
            "/api-calls", "/player", "/reports", "/settings", await FirstAsync("tracks"), await FirstAsync("artists"),
            await FirstAsync("albums"), "/no-such-page"];
    }

    private static IEnumerable<string> Problems(AxeResult result, string where) =>
        result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation =>
                $"{where}: {violation.Id} ({violation.Impact}) {violation.Help}: " +
                string.Join("; ", violation.Nodes.Take(3).Select(node => string.Join(" ", node.Target))) +
                (violation.Nodes.Length > 3 ? $" and {violation.Nodes.Length - 3} more" : "") +
                $", first: {violation.Nodes[0].Html[..Math.Min(160, violation.Nodes[0].Html.Length)]}");
}
