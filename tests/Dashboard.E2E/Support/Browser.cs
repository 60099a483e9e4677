using Microsoft.Playwright;

namespace Dashboard.E2E.Support;

/// <summary>Debian's Chromium driven by Playwright; never a downloaded browser.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Skips the test when Chromium is not installed, except under CI, where a missing browser is a failure: CI
    /// installs it.
    /// </summary>
    public static void RequireChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            Assert.Fail($"Chromium is not installed at {ChromiumPath}; .ci/run installs it with apt-get.");
        }
        Assert.Skip($"Chromium is not installed at {ChromiumPath} (apt-get install chromium); browser tests need it.");
    }

    /// <summary>Launches headless Chromium.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// Whether a chart's element shows it as the page asked, at the width it has now (a window resized has its charts
    /// drawn again).
    /// </summary>
    private const string ChartDrawn =
        "e => e.dataset.chartDrawn === e.dataset.chartVersion && e.dataset.chartWidth === String(e.clientWidth)";

    /// <summary>Whether a page shows its figures: no skeleton is left and every chart on it is drawn.</summary>
    private const string Settled = $$"""
        () => !document.querySelector('.mud-skeleton')
            && [...document.querySelectorAll('.apex-chart')].every({{ChartDrawn}})
        """;

    private const string Unsettled = $$"""
        () => document.querySelectorAll('.mud-skeleton').length + ' skeletons; charts not drawn as asked: ' +
            ([...document.querySelectorAll('.apex-chart')].filter(e => !({{ChartDrawn}})(e))
                .map(e => `${e.closest('[data-testid]')?.dataset.testid ?? 'a chart'} ` +
                          `(version ${e.dataset.chartVersion}, drawn ${e.dataset.chartDrawn ?? 'none'}, ` +
                          `width ${e.clientWidth}, drawn at ${e.dataset.chartWidth ?? 'none'})`).join(', ') || 'none')
        """;

    /// <summary>Waits until Blazor's circuit is up, so clicks reach event handlers.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive='true']").First.WaitForAsync(
            new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>
    /// Waits until the page is interactive and shows its figures: every part has loaded (no skeleton left) and every
    /// chart is drawn.
    /// </summary>
    public static async Task ExpectSettledAsync(this IPage page)
    {
        await page.WaitForInteractiveAsync();
        try
        {
            await page.WaitForFunctionAsync(Settled, null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{page.Url} did not settle within 15 s: {await page.EvaluateAsync<string>(Unsettled)}.");
        }
    }
}
