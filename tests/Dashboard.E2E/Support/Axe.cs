using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Dashboard.E2E.Support;

/// <summary>
/// Axe-core's WCAG 2.1 A and AA rules, run in the page itself. Deque's Playwright runner checks each frame apart and
/// joins the results in a blank page it opens for every run, which took three times as long here; the app's pages
/// have no frames to check apart.
/// </summary>
public static class Axe
{
    private static readonly string Script = new BundledAxeScriptProvider().GetScript();

    /// <summary>The rules of WCAG 2.1 A and AA, reporting violations only (faster than with every result).</summary>
    private const string RunWcag21AA = """
        async () => JSON.stringify(await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            resultTypes: ['violations'],
        }))
        """;

    public static async Task<AxeResult> RunAsync(IPage page)
    {
        // Once per document. What Playwright evaluates is not held to the page's content security policy.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Script);
        }
        return new AxeResult(JObject.Parse(await page.EvaluateAsync<string>(RunWcag21AA)));
    }
}
