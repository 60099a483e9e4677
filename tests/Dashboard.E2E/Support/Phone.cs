using Microsoft.Playwright;

namespace Dashboard.E2E.Support;

public static class Phone
{
    /// <summary>
    /// Loads a page in the page's phone-sized viewport, once <paramref name="ready"/> shows checks that nothing is
    /// wider than the screen, and takes its picture.
    /// </summary>
    public static async Task PhoneShotAsync(this IPage page, string url, string screenshot, ILocator ready)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(ready).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{url} is {widths[0]} px wide on a {widths[1]} px phone.");
        await Screenshots.TakeAsync(page, screenshot);
    }
}
