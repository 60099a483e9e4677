using System.Globalization;
using System.Text.Json;
using Dashboard.E2E.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.E2E;

public sealed class ImportPageTests(BrowserTestBed bed)
{
    [Fact]
    public async Task Uploading_a_sample_file_on_the_imports_page_shows_the_summary()
    {
        var sample = Samples.PathOf("spotify-export/extended/Streaming_History_Audio_2024_4.json");
        var expectedPlays = DistinctPlays(sample);
        // A week of history, imported as the listener's privacy export; the sample file's plays are from 2024.
        await using var listener = await bed.SignInAsync(new ListenerOptions(ImportedDays: 7, Height: 1100));
        var page = listener.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imports", Level = 1 }))
            .ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        // The listener's own history came in through the same importer.
        await Assertions.Expect(page.GetByTestId("import-row")).ToHaveCountAsync(1);

        // The page listens for chosen files once its upload script is attached, which follows the first interactive
        // render.
        await Assertions.Expect(page.GetByTestId("drop-zone"))
            .ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await page.SetInputFilesAsync("[data-testid=file-input]", sample);
        await Assertions.Expect(page.GetByTestId("chosen-files"))
            .ToContainTextAsync("Streaming_History_Audio_2024_4.json");
        await page.GetByTestId("upload-button").ClickAsync();

        var result = page.GetByTestId("import-result");
        await Assertions.Expect(result).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(result)
            .ToContainTextAsync(
                    $"Imported {expectedPlays.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))} new plays from 1 " +
                    "file");
        await Assertions.Expect(page.GetByTestId("result-duplicates")).ToHaveTextAsync("10");
        await Assertions.Expect(page.GetByTestId("import-row")).ToHaveCountAsync(2);
        await Screenshots.TakeAsync(page, "imports.png");

        // A broken file: a plain message, nothing imported.
        var broken = Path.Combine(Path.GetTempPath(), $"Streaming_History_Audio_broken_{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(sample))[..5000]);
        await page.SetInputFilesAsync("[data-testid=file-input]", broken);
        await page.GetByTestId("upload-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-error")).ToContainTextAsync("looks truncated");
        await Assertions.Expect(page.GetByTestId("import-row")).ToHaveCountAsync(2);
        File.Delete(broken);
    }

    [Fact]
    public async Task Undoing_an_import_on_the_imports_page_says_what_goes_then_lists_it_as_removed()
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        await using var listener = await bed.SignInAsync(new ListenerOptions(ImportedDays: 7, Height: 1100));
        var page = listener.Page;
        List<DateOnly> days;
        await using (var db = await bed.DbAsync())
        {
            // The listener's history came in through the importer, and no sync has run: every play is the import's.
            days = await db.Plays.Where(p => p.UserId == listener.UserId).Select(p => p.LocalDate).ToListAsync();
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("import-row")).ToHaveCountAsync(1);
        await page.GetByTestId("undo-import").ClickAsync();

        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync(
            $"This deletes the {days.Count.ToString("N0", culture)} plays it added, from " +
            $"{days.Min().ToString("d MMM yyyy", culture)} to {days.Max().ToString("d MMM yyyy", culture)}.");
        await Screenshots.TakeAsync(page, "import-undo.png", forReadme: true, fullPage: false);
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"Delete {days.Count.ToString("N0", culture)} plays" })
            .ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=import-row] .status-chip"))
            .ToHaveAttributeAsync("data-status", "removed");
        await Assertions.Expect(page.GetByTestId("undo-import")).ToHaveCountAsync(0);
        await using var check = await bed.DbAsync();
        Assert.False(await check.Plays.AnyAsync(p => p.UserId == listener.UserId));
    }

    /// <summary>Plays in an extended-history file: one per (end time, item), counted from the raw JSON.</summary>
    private static int DistinctPlays(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray()
            .Select(r =>
                (r.GetProperty("ts").GetString(), r.GetProperty("spotify_track_uri").GetString()
                    ?? r.GetProperty("spotify_episode_uri").GetString()))
            .Where(r => r.Item2 is not null)
            .Distinct()
            .Count();
    }
}
