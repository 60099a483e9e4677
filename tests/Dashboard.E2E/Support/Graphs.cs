using Microsoft.Playwright;

namespace Dashboard.E2E.Support;

/// <summary>
/// Waits for ApexCharts charts by what their element says (see Graph and apex-chart.js): the version of the options
/// the page gave last (<c>data-chart-version</c>) and the version the script has drawn (<c>data-chart-drawn</c>).
/// </summary>
public static class Graphs
{
    private const int BoundMs = 15_000;

    /// <summary>
    /// Whether the chart in a card shows the options its page gave last, and they are newer than a version: the
    /// card's test id and the version are the arguments.
    /// </summary>
    private const string Shows = """
        ([card, after]) => {
            const e = document.querySelector(`[data-testid="${card}"] .apex-chart`);
            return !!e && Number(e.dataset.chartVersion) > after && e.dataset.chartDrawn === e.dataset.chartVersion
                && !!e.querySelector('svg.apexcharts-svg');
        }
        """;

    // What a chart's element held when its drawing was not found: enough to tell a chart never created from one
    // created in an element that had no width or had left the page.
    private const string Describe = """
        card => [...document.querySelectorAll(`[data-testid="${card}"] .apex-chart`)].map(e =>
            `version ${e.dataset.chartVersion}, drawn ${e.dataset.chartDrawn ?? 'none'}, width ${e.clientWidth}, ` +
            `svgs ${e.querySelectorAll('svg.apexcharts-svg').length},
                html ${e.innerHTML.slice(0, 160)}`).join('; ') || 'no chart element'
        """;

    /// <summary>
    /// Waits until the chart in the card with test id <paramref name="card"/> is drawn as its page asked. A chart that
    /// is not says in the failure what its element held and what went wrong in the page and on the server.
    /// </summary>
    public static Task ExpectGraphAsync(this IPage page, string card, PageErrors errors) =>
        WaitAsync(page, card, 0, "was not drawn", errors);

    /// <summary>The version of the options the page gave the chart in a card last.</summary>
    public static async Task<int> GraphVersionAsync(this IPage page, string card) =>
        int.Parse((await page.GetByTestId(card).Locator(".apex-chart").First.GetAttributeAsync("data-chart-version"))!,
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until the chart in a card is drawn with options newer than <paramref name="version"/>.</summary>
    public static Task ExpectGraphRedrawnAsync(this IPage page, string card, int version, PageErrors errors) =>
        WaitAsync(page, card, version, $"was not drawn with options newer than its version {version}", errors);

    private static async Task WaitAsync(IPage page, string card, int after, string failure, PageErrors errors)
    {
        try
        {
            await page.WaitForFunctionAsync(Shows, new object[] { card, after }, new() { Timeout = BoundMs });
        }
        catch (TimeoutException e)
        {
            var state = await page.EvaluateAsync<string>(Describe, card);
            Assert.Fail(
                $"The chart in {card} {failure} within {BoundMs / 1000} s: {state}. Errors: " +
                $"{errors}.{Environment.NewLine}{e.Message}");
        }
    }
}
