using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.E2E.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>
/// What a page looks like, measured in the page: figures whole on one line, filters and ranges showing their whole
/// value, the menu's background down to the bottom of a long page, and no page wider than a phone. Each page is loaded
/// once on a 1366 px screen and once on a 390 px phone.
/// </summary>
public sealed class LayoutTests(BrowserTestBed bed)
{
    /// <summary>
    /// Every stat card's figure, and every other listening time ("56 h 52 min", "35 min 35 s"), that takes more than
    /// one line or does not fit its box, described.
    /// </summary>
    private const string BrokenFigures = """
        () => {
            const lines = element => {
                const range = document.createRange();
                range.selectNodeContents(element);
                return new Set([...range.getClientRects()].filter(r => r.width > 0)
                    .map(r => Math.round(r.bottom))).size;
            };
            const duration = /^(\d[\d,]* h( \d+ min)?|\d+ min( \d+ s)?)$/;
            const figures = [...document.querySelectorAll('.stat-card-value')]
                .concat([...document.querySelectorAll('td, span, strong')]
                    .filter(e => duration.test(e.textContent.trim())));
            return figures.filter(e => e.offsetParent !== null)
                .map(e => ({ e, lines: lines(e), cut: e.scrollWidth > e.clientWidth + 1 }))
                .filter(f => f.lines > 1 || f.cut)
                .map(f => `'${f.e.textContent.trim()}' (${f.e.className || f.e.tagName}) takes ${f.lines} lines` +
                    (f.cut ? `, ${f.e.scrollWidth} px in ${f.e.clientWidth} px` : ''));
        }
        """;

    /// <summary>Every text field of the History filters and the range pickers whose value does not fit it.</summary>
    private const string CutFields = """
        () => [...document.querySelectorAll(
                '[data-testid=history-filters] input, [data-testid=history-filters] .mud-input-slot, ' +
                'input[data-testid=period-range-picker]')]
            .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
            .map(e => `'${e.value ?? e.textContent}' in ${e.closest('[data-testid]')?.dataset.testid}: ` +
                `${e.scrollWidth} px in ${e.clientWidth} px`)
        """;

    /// <summary>
    /// Whether the menu's background runs down the whole page, as a picture of the whole page shows it too, and its
    /// links stay in view when the page is scrolled to its bottom.
    /// </summary>
    private const string MenuDownThePage = """
        () => {
            const menu = document.querySelector('.mud-drawer');
            const height = document.documentElement.scrollHeight;
            window.scrollTo(0, 0);
            const bottom = Math.round(menu.getBoundingClientRect().bottom);
            window.scrollTo(0, height);
            const link = menu.querySelector('a').getBoundingClientRect();
            window.scrollTo(0, 0);
            const problems = [];
            if (bottom < height - 1) {
                problems.push(`the menu's background ends ${bottom} px down the ${height} px page`);
            }
            if (link.top < 0 || link.bottom > window.innerHeight) {
                problems.push(`scrolled down, the menu's first link is out of view (${Math.round(link.top)} px)`);
            }
            return problems;
        }
        """;

    private static readonly (string Name, int Width, int Height)[] Screens =
        [("desktop", 1366, 900), ("phone", 390, 844)];

    /// <summary>
    /// How much wider than the window the page is, naming the outermost elements that stick out; null when it fits.
    /// </summary>
    private const string TooWide = """
        () => {
            const width = window.innerWidth;
            if (document.documentElement.scrollWidth <= width) {
                return null;
            }
            const out = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1);
            const outermost = out.filter(e => !out.includes(e.parentElement)).slice(0, 4)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ` +
                    `(${Math.round(e.getBoundingClientRect().right)} px)`);
            return `the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window: ` +
                outermost.join(', ');
        }
        """;

    [Fact]
    public async Task Figures_and_filters_show_whole_the_menu_reaches_the_bottom_and_no_page_is_wider_than_a_phone()
    {
        // Two months: History and the top 50 run far below the first screen.
        await using var listener =
            await bed.SignInAsync(new ListenerOptions(ImportedDays: 60, Width: 1366, Height: 900));
        var page = listener.Page;
        // A token, listed on Settings: its row too must fit a phone.
        await bed.App.Services.GetRequiredService<ApiTokens>()
            .CreateAsync(listener.UserId, "Home Assistant", CancellationToken.None);
        var paths = await PagesAsync(page);
        var problems = new List<string>();

        foreach (var (screen, width, height) in Screens)
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var path in paths)
            {
                await page.GotoAsync(bed.App.BaseUrl + path);
                await page.WaitForInteractiveAsync();
                await Assertions.Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0);
                var where = $"{path} ({screen})";
                problems.AddRange((await page.EvaluateAsync<string[]>(BrokenFigures)).Select(p => $"{where}: {p}"));
                problems.AddRange((await page.EvaluateAsync<string[]>(CutFields)).Select(p => $"{where}: {p}"));
                if (await page.EvaluateAsync<string?>(TooWide) is { } tooWide)
                {
                    problems.Add($"{where}: {tooWide}");
                }
                if (screen == "desktop" && path is "/history" or "/top?kind=artists&limit=50")
                {
                    problems.AddRange(
                        (await page.EvaluateAsync<string[]>(MenuDownThePage)).Select(p => $"{where}: {p}"));
                }
                await Screenshots.TakeAsync(page, $"layout-{Name(path)}-{screen}.png", fullPage: false);
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join('\n', problems)}");
        listener.Errors.ExpectNone();
    }

    /// <summary>
    /// The pages with stat cards, tables of durations, filters or a range of days, and the long ones; every other page
    /// only for its width on a phone.
    /// </summary>
    private async Task<string[]> PagesAsync(IPage page)
    {
        async Task<string> FirstAsync(string kind) =>
            "/" + (await page.Locator($"a[href^='{kind}/'], a[href^='/{kind}/']").First.GetAttributeAsync("href"))!
                .TrimStart('/');
        // A range whose days and months both take two digits, the widest a day can be written.
        var today = DateOnly.FromDateTime(bed.Clock.GetUtcNow().UtcDateTime);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-2).AddDays(27);
        var range = $"from={Day(from)}&to={Day(from.AddMonths(1))}";
        return
        [
            "/", "/?period=custom&" + range, "/top?kind=artists&limit=50", "/history", "/history?" + range,
            "/trend?breakdown=platform", "/charts", "/habits", "/imports", "/jobs", "/api-calls", "/player", "/reports",
            "/settings", await FirstAsync("tracks"), await FirstAsync("artists"), await FirstAsync("albums"),
        ];
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A picture's name for a page: "history", "history-range", "artists-12", "overview".</summary>
    private static string Name(string path) =>
        (path.Split('?')[0].Trim('/').Replace('/', '-') is { Length: > 0 } name ? name : "overview") +
        (path.Contains("from=", StringComparison.Ordinal) ? "-range" : "");
}
