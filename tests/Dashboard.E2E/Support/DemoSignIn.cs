using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.E2E.Support;

public static class DemoSignIn
{
    /// <summary>Signs in as the demo listener through the emulator's consent page and waits for the overview.</summary>
    public static async Task SignInAsync(this IPage page, string baseUrl)
    {
        await page.GotoAsync($"{baseUrl}/signin");
        await page.GetByTestId("signin-button").ClickAsync();
        // The click waits for the redirects that follow it (token, the user's first page): on a loaded machine, longer
        // than Playwright's default 30 s.
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree" }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(baseUrl)}/?$"), new() { Timeout = 60_000 });
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Where the real Spotify sample files are kept (tests/samples).</summary>
    public static string SamplePath(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(directory!.FullName, "tests", "samples")))
        {
            directory = directory.Parent;
        }
        return Path.Combine(directory.FullName, "tests", "samples", relative);
    }
}
