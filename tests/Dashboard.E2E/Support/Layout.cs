using Microsoft.Playwright;

namespace Dashboard.E2E.Support;

/// <summary>
/// What a page looks like, measured in the page: figures whole on one line, filters and ranges showing their whole
/// value, the menu's background down to the bottom of a long page, and no page wider than its window.
/// </summary>
public static class Layout
{
    /// <summary>What is wrong with the page's layout at its window's width, each said after where it is.</summary>
    public static async Task<IEnumerable<string>> ProblemsAsync(IPage page, string where)
    {
        var problems = new List<string>();
        problems.AddRange(await page.EvaluateAsync<string[]>(BrokenFigures));
        problems.AddRange(await page.EvaluateAsync<string[]>(CutFields));
        if (await page.EvaluateAsync<string?>(TooWide) is { } tooWide)
        {
            problems.Add(tooWide);
        }
        // Beside the page, the menu runs down a long page, and to the window's bottom on a short one.
        if (page.ViewportSize is { Width: >= 960 })
        {
            problems.AddRange(await page.EvaluateAsync<string[]>(MenuDownThePage));
        }
        return problems.Select(problem => $"{where}: {problem}");
    }

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
}
