using Microsoft.Playwright;

namespace Dashboard.E2E.Support;

/// <summary>
/// Pictures of the pages, taken only when <c>SCREENSHOTS=1</c>: the README's go to docs/screenshots, the others (every
/// page in each theme and on a phone, to look over by eye) to artifacts/screenshots. Otherwise the tests take none and
/// wait for nothing a picture alone needs.
/// </summary>
public static class Screenshots
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("SCREENSHOTS") == "1";

    /// <summary>
    /// ApexCharts' global options: a chart is drawn in its final shape at once instead of growing for most of a second,
    /// so a picture taken once it is drawn shows it whole.
    /// </summary>
    private const string ChartsWithoutAnimation = "window.Apex = { chart: { animations: { enabled: false } } };";

    /// <summary>Prepares a new browser context for pictures: charts without animation.</summary>
    public static async Task PrepareAsync(IBrowserContext context)
    {
        if (Enabled)
        {
            await context.AddInitScriptAsync(ChartsWithoutAnimation);
        }
    }

    /// <summary>
    /// Takes a picture of the page once it has settled: its figures loaded (no skeleton), every chart drawn, fonts in.
    /// </summary>
    /// <param name="forReadme">Whether the README shows it (docs/screenshots) or not (artifacts/screenshots).</param>
    public static async Task TakeAsync(IPage page, string name, bool forReadme = false, bool fullPage = true)
    {
        if (!Enabled)
        {
            return;
        }
        // The app's pages (they load Blazor) are pictured once settled; the emulator's own pages are plain HTML.
        if (await page.Locator("script[src*='blazor.web']").CountAsync() > 0)
        {
            await page.ExpectSettledAsync();
        }
        // From the top and with nothing focused, as a visitor first sees it: scrolled down, a full-page picture draws
        // the sticky app bar and menu where the window was, and a focused skip link shows.
        await page.EvaluateAsync(
            "() => { document.activeElement?.blur(); window.scrollTo(0, 0); " +
            "return document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() " +
            "=> requestAnimationFrame(r)))); }");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = PathOf(name, forReadme),
            FullPage = fullPage,
            Animations = ScreenshotAnimations.Disabled,
        });
    }

    /// <summary>
    /// Changes the viewport. For pictures, also loads the page again, so that its charts are drawn at the new width
    /// from the start (ApexCharts redraws a moment after the window's size changes, and a redraw leaves no mark).
    /// </summary>
    public static async Task ResizeAsync(IPage page, int width, int height)
    {
        await page.SetViewportSizeAsync(width, height);
        if (Enabled)
        {
            await page.ReloadAsync();
            await page.ExpectSettledAsync();
        }
    }

    private static string PathOf(string name, bool forReadme)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Dashboard.sln")))
        {
            root = root.Parent;
        }
        var folder = forReadme
            ? Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "docs", "screenshots")
            : Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
