using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Sync;
using Dashboard.Web.Components.Pages.Sync;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class SyncRunsPageTests : DashboardComponentTest
{
    private static readonly DateTime Started = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private readonly FakeSyncRuns _runs = new();
    private readonly FakeSyncSchedule _schedule = new();
    private readonly SyncNotifier _notifier = new(NullLogger<SyncNotifier>.Instance, SingleInstance);

    public SyncRunsPageTests()
    {
        Services.AddSingleton<SyncRuns>(_runs);
        Services.AddSingleton<SyncSchedule>(_schedule);
        Services.AddSingleton(_notifier);
        Services.AddSingleton<UserAccounts>(new FakeAccounts());
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(Started.AddMinutes(30))));
        _runs.Stats = new SyncRunStats(12, 10, 1, 0, 1, 345, Started.AddSeconds(20));
        _runs.Runs =
        [
            new SyncRunSummary(2, SyncTrigger.Manual, SyncStatus.Failed, 3,
            "1 of 2 steps failed; the next sync tries them again.", Started,
                Started, Started.AddSeconds(20),
            [
                new SyncStepSummary(SyncPipeline.RecentlyPlayedStep, SyncStatus.Completed, 3, "3 new, 0 already known",
                null, Started, Started.AddSeconds(2)),
                new SyncStepSummary(SyncPipeline.LibraryStep, SyncStatus.Failed, 0, null,
                "Spotify answered 500 to /v1/me/albums", Started.AddSeconds(2),
                    Started.AddSeconds(20)),
            ]),
            new SyncRunSummary(1, SyncTrigger.SignIn, SyncStatus.Completed, 50, null, Started.AddHours(-1),
            Started.AddHours(-1),
                Started.AddHours(-1).AddSeconds(9), []),
        ];
    }

    [Fact]
    public async Task Shows_the_figures_and_each_runs_steps_when_opened()
    {
        var page = RenderSignedIn<SyncRunsPage>();

        page.WaitForAssertion(() =>
            Assert.Equal("12", page.Find("[data-testid=stat-runs] .stat-card-value").TextContent));
        Assert.Contains("10 completed · 1 failed · 1 paused", page.Find("[data-testid=stat-runs]").TextContent);
        Assert.Equal("345", page.Find("[data-testid=stat-items] .stat-card-value").TextContent);
        Assert.Equal("30 min ago", page.Find("[data-testid=stat-last] .stat-card-value").TextContent);
        Assert.Equal(["failed", "completed"],
            page.FindAll("[data-testid=run-row]").Select(r => r.GetAttribute("data-status")));
        Assert.Contains("1 of 2 failed", page.FindAll("[data-testid=run-row]")[0].TextContent);
        Assert.Empty(page.FindAll("[data-testid=run-step]"));

        await page.FindAll("[data-testid=run-row]")[0].ClickAsync();

        var steps = page.FindAll("[data-testid=run-step]");
        Assert.Equal(2, steps.Count);
        Assert.Contains("Recently played", steps[0].TextContent);
        Assert.Contains("3 new, 0 already known", steps[0].TextContent);
        Assert.Contains("Spotify answered 500 to /v1/me/albums", steps[1].TextContent);
        Assert.Contains("18 s", steps[1].TextContent);
    }

    [Fact]
    public async Task The_arrow_button_shows_and_hides_a_runs_steps_by_itself_as_a_keyboard_press_does()
    {
        var page = RenderSignedIn<SyncRunsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-row]")));
        IElement Arrow() => page.FindAll("[data-testid=run-row]")[0].QuerySelector("button")!;
        (string?, string?) State() => (Arrow().GetAttribute("aria-label"), Arrow().GetAttribute("aria-expanded"));
        Assert.Equal(("Show steps", "false"), State());

        // Enter or Space on a focused button is a click on the button alone.
        await Arrow().ClickAsync();

        Assert.Equal(2, page.FindAll("[data-testid=run-step]").Count);
        Assert.Equal(("Hide steps", "true"), State());
        await Arrow().ClickAsync();
        Assert.Empty(page.FindAll("[data-testid=run-step]"));
    }

    [Fact]
    public async Task A_step_of_one_item_says_one_item()
    {
        _runs.Runs = [_runs.Runs[0] with
        {
            Steps = [_runs.Runs[0].Steps[0] with { ItemsProcessed = 1 }, _runs.Runs[0].Steps[1]],
        }];
        var page = RenderSignedIn<SyncRunsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-row]")));

        await page.FindAll("[data-testid=run-row]")[0].ClickAsync();

        Assert.Equal(["1 item", "0 items"],
            page.FindAll("[data-testid=run-step] .step-items").Select(s => s.TextContent.Trim()));
    }

    [Fact]
    public void Sync_now_while_a_sync_runs_says_one_is_already_running()
    {
        _schedule.Start = SyncStart.AlreadyRunning;
        _runs.Stats = _runs.Stats with { Running = 1 };
        var page = RenderSignedIn<SyncRunsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-row]")));

        page.Find("[data-testid=sync-now]").Click();

        page.WaitForAssertion(() =>
            Assert.Contains("A sync is already running", page.Find("[data-testid=sync-notice]").TextContent));
        Assert.Equal([(UserId, SyncTrigger.Manual)], _schedule.Started);
    }

    [Fact]
    public async Task The_notice_that_a_sync_is_already_running_goes_when_that_sync_ends()
    {
        _schedule.Start = SyncStart.AlreadyRunning;
        _runs.Stats = _runs.Stats with { Running = 1 };
        var page = RenderSignedIn<SyncRunsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-row]")));
        await page.Find("[data-testid=sync-now]").ClickAsync();
        page.WaitForAssertion(() =>
            Assert.Contains("A sync is already running", page.Find("[data-testid=sync-notice]").TextContent));

        // A step of the running sync ends: the sync goes on, and so does the notice.
        await _notifier.PublishAsync(new SyncUpdate(3, UserId, SyncStatus.Running, SyncPipeline.LibraryStep));
        page.WaitForAssertion(() => Assert.True(_runs.Queries.Count >= 2));
        Assert.NotNull(page.Find("[data-testid=sync-notice]"));

        _runs.Stats = _runs.Stats with { Running = 0 };
        await _notifier.PublishAsync(new SyncUpdate(3, UserId, SyncStatus.Completed, null));

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=sync-notice]")));
    }

    [Fact]
    public async Task An_already_running_sync_that_ended_before_the_page_heard_of_it_leaves_no_notice()
    {
        // The sync ended between the click and the look-up that followed: nothing runs any more.
        _schedule.Start = SyncStart.AlreadyRunning;
        var page = RenderSignedIn<SyncRunsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-row]")));

        await page.Find("[data-testid=sync-now]").ClickAsync();

        page.WaitForAssertion(() => Assert.True(_runs.Queries.Count >= 2));
        Assert.Empty(page.FindAll("[data-testid=sync-notice]"));
    }

    [Fact]
    public async Task Sync_now_after_Spotify_refused_the_sign_in_leads_to_signing_in_again()
    {
        _schedule.Start = SyncStart.SignInRequired;
        var page = RenderSignedIn<SyncRunsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-row]")));

        await page.Find("[data-testid=sync-now]").ClickAsync();

        var notice = page.Find("[data-testid=sync-notice]");
        Assert.Contains("Sign in with Spotify again to resume", notice.TextContent);
        Assert.Equal("account/login?returnUrl=%2Fjobs", notice.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("_top", notice.QuerySelector("a")!.GetAttribute("target"));
    }

    [Fact]
    public async Task A_running_sync_shows_its_step_and_the_page_follows_it_live()
    {
        var page = RenderSignedIn<SyncRunsPage>();
        page.WaitForAssertion(() => Assert.Single(_runs.Queries));

        _runs.Stats = _runs.Stats with { Running = 1 };
        _runs.Runs = [new SyncRunSummary(3, SyncTrigger.Manual, SyncStatus.Running, 0, null, Started, Started, null,
            [new SyncStepSummary(SyncPipeline.EnrichmentStep, SyncStatus.Running, 0, null, null, Started, null)])];
        await _notifier.PublishAsync(new SyncUpdate(3, UserId, SyncStatus.Running, SyncPipeline.EnrichmentStep));

        page.WaitForAssertion(() =>
            Assert.Contains("Catalogue look-ups…", page.Find("[data-testid=run-row]").TextContent));
        Assert.NotNull(page.Find("[data-testid=syncing]"));
        // Another user's sync is not this page's business.
        await _notifier.PublishAsync(new SyncUpdate(4, UserId + 1, SyncStatus.Completed, null));
        Assert.Equal(2, _runs.Queries.Count);
    }

    [Fact]
    public async Task Leaving_the_page_stops_following_the_syncs()
    {
        var page = RenderSignedIn<SyncRunsPage>();
        page.WaitForAssertion(() => Assert.Single(_runs.Queries));

        page.Instance.Dispose();
        await _notifier.PublishAsync(new SyncUpdate(3, UserId, SyncStatus.Completed, null));

        Assert.Single(_runs.Queries);
    }
}
