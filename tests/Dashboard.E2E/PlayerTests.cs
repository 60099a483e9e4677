using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.E2E.Support;
using Dashboard.SpotifyEmulator.Demo;
using Dashboard.Web.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>
/// The player, as it follows what a listener plays. It runs once the other tests are done, not beside them: it moves
/// the app's clock on to a moment the listener plays, and the scheduler, which reads that clock, spins on the triggers
/// for settings, imports, reports and rollups, which are built on the system's clock, that other tests would schedule
/// after the move.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class PlayerTests(BrowserTestBed bed)
{
    private ShiftedClock Clock => bed.Clock;

    [Fact]
    public async Task The_player_follows_what_the_listener_plays_and_says_when_nothing_plays()
    {
        // A listener who has been here before, whose zone is chosen: a first sign-in would have their browser's zone
        // stored by a settings job, which must not be scheduled after the clock has moved.
        await using var listener = await bed.SignInAsync(new ListenerOptions(ImportedDays: 1));
        var (page, errors) = (listener.Page, listener.Errors);

        // At a moment the listener is well inside a play, the page shows it, moving on, with what comes next.
        var listening = listener.Account.Listener!;
        var play = Clock.MoveToPlaying(listening);
        var next = listening.PlaysBetween(play.EndedAt, play.EndedAt.AddDays(3))
            .First(p => p.StartedAt >= play.EndedAt);
        await page.GetByRole(AriaRole.Link, new() { Name = "Player" }).ClickAsync();
        var nowPlaying = page.GetByTestId("now-playing");
        await Assertions.Expect(nowPlaying).ToHaveAttributeAsync("data-playing", "true", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("track-name")).ToHaveTextAsync(Name(play));
        if (play.Track is { } track)
        {
            await Assertions.Expect(page.GetByTestId("track-artists")).ToContainTextAsync(track.Artist.Name);
        }
        var progress = page.GetByTestId("progress");
        await Assertions.Expect(progress)
            .ToHaveAttributeAsync("data-duration-ms", Duration(play).ToString(CultureInfo.InvariantCulture));
        var earliest = Elapsed(play);
        var first = await ProgressAsync(progress);
        var latest = Elapsed(play);
        // Drawn a moment before it was read: behind by at most the repaint and a busy machine's delay, never ahead.
        Assert.InRange(first, earliest - 20_000, latest + 1_000);
        await page.WaitForFunctionAsync(
            "first => Number(document.querySelector('[data-testid=progress]').dataset.progressMs) >= first + 2000",
            first,
            new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("queue-item").First.Locator(".queue-name"))
            .ToHaveTextAsync(Name(next));
        await Assertions.Expect(page.GetByTestId("device-item").Filter(new() { HasText = "Active" }))
            .ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("device")).ToHaveTextAsync(new Regex(@"\S"));
        await Screenshots.TakeAsync(page, "player.png", forReadme: true);

        // The listener stops: within a poll or two the page says so plainly.
        Clock.MoveToSilence(listening);
        await Assertions.Expect(page.GetByTestId("nothing-playing"))
            .ToContainTextAsync("Nothing is playing", new() { Timeout = 30_000 });
        await Assertions.Expect(nowPlaying).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("queue")).ToContainTextAsync("Nothing queued.");
        await Screenshots.TakeAsync(page, "player-nothing.png");

        // On a phone: nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        play = Clock.MoveToPlaying(listening);
        await page.PhoneShotAsync($"{bed.App.BaseUrl}/player", "player-phone.png",
            page.GetByTestId("track-name").GetByText(Name(play), new() { Exact = true }));

        errors.ExpectNone();
    }

    private static string Name(DemoPlay play) => play.Track?.Name ?? play.Episode!.Name;

    private static int Duration(DemoPlay play) => play.Track?.DurationMs ?? play.Episode!.DurationMs;

    private int Elapsed(DemoPlay play) => (int)(Clock.GetUtcNow().UtcDateTime - play.StartedAt).TotalMilliseconds;

    private static async Task<int> ProgressAsync(ILocator progress) =>
        int.Parse((await progress.GetAttributeAsync("data-progress-ms"))!, CultureInfo.InvariantCulture);
}

/// <summary>Browser tests that run by themselves, once the parallel ones are done.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
