using Microsoft.Playwright;

namespace Dashboard.E2E.Support;

public static class Charts
{
    // What a chart's element held when its drawing was not found: enough to tell a chart never created from one
    // created in an element that had no width or had left the page.
    private const string Describe = """
        card => [...card.querySelectorAll('.apex-chart')].map(e =>
            `width ${e.clientWidth}, connected ${e.isConnected}, svgs ${e.querySelectorAll('svg.apexcharts-svg').length}, ` +
            `html ${e.innerHTML.slice(0, 160)}`).join('; ') || 'no chart element'
        """;

    /// <summary>
    /// Waits until the ApexCharts chart in a card is drawn. A chart that is not says in the failure what its element
    /// held and what went wrong in the page and on the server.
    /// </summary>
    public static async Task ExpectChartAsync(this ILocator card, PageErrors errors)
    {
        try
        {
            await Assertions.Expect(card.Locator(".apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
        catch (PlaywrightException e)
        {
            var state = await card.EvaluateAsync<string>(Describe);
            Assert.Fail($"The chart was not drawn: {state}. Errors: {errors}.{Environment.NewLine}{e.Message}");
        }
    }
}
