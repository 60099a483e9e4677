using Bunit;
using Dashboard.Core.Analytics;
using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Sync;
using Dashboard.Web.Components.Graphs;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OverviewPage = Dashboard.Web.Components.Pages.Overview.Overview;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class OverviewPageTests : DashboardComponentTest
{
    private readonly FakeOverviewService _overviews = new();

    private readonly FakeImportActivity _imports = new();
    private readonly ImportNotifier _importNotifier = new(NullLogger<ImportNotifier>.Instance, SingleInstance);
    private readonly FakeLookups _lookups = new();
    private readonly SyncNotifier _syncs = new(NullLogger<SyncNotifier>.Instance, SingleInstance);

    public OverviewPageTests()
    {
        Services.AddSingleton<OverviewService>(_overviews);
        Services.AddSingleton<ImportActivity>(_imports);
        Services.AddSingleton(_importNotifier);
        Services.AddSingleton<CatalogueLookups>(_lookups);
        Services.AddSingleton(_syncs);
    }

    [Fact]
    public void Shows_skeletons_while_the_figures_load()
    {
        _overviews.Next = new TaskCompletionSource<ListeningOverview>().Task;

        var page = RenderSignedIn<OverviewPage>();

        Assert.NotNull(page.Find("[data-testid=overview-loading]"));
        Assert.Empty(page.FindAll("[data-testid=stat-plays]"));
    }

    [Fact]
    public void Shows_the_figures_and_top_lists_of_the_period()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));

        var page = RenderSignedIn<OverviewPage>();

        page.WaitForAssertion(() =>
            Assert.Equal("12,345", page.Find("[data-testid=stat-plays] .stat-card-value").TextContent));
        Assert.Equal("823 h", page.Find("[data-testid=stat-time] .stat-card-value").TextContent);
        Assert.Equal("1,024", page.Find("[data-testid=stat-tracks] .stat-card-value").TextContent);
        Assert.Equal("256", page.Find("[data-testid=stat-artists] .stat-card-value").TextContent);
        Assert.Equal("2 of 3", page.Find("[data-testid=stat-days] .stat-card-value").TextContent);
        // 12,345 against 10,000 before: 23% more.
        Assert.Contains("+23%", page.Find("[data-testid=stat-plays-change]").TextContent);
        Assert.Contains("vs the previous 3 days", page.Find("[data-testid=stat-plays-change]").GetAttribute("title"));
        Assert.Contains("4 days", page.Find("[data-testid=stat-streak]").TextContent);
        Assert.Equal(["Radiohead", "Björk"],
            page.FindAll("[data-testid=top-artists] .top-list-name").Select(e => e.TextContent));
        Assert.Equal(["Idioteque"], page.FindAll("[data-testid=top-tracks] .top-list-name").Select(e => e.TextContent));
        Assert.Contains("Busiest day: 2 Nov 2026, 40 plays", page.Find("[data-testid=plays-per-day]").TextContent);
        Assert.Contains("Most often: Mondays at 08:00", page.Find("[data-testid=listening-clock]").TextContent);
        Assert.Equal([(UserId, PeriodSelection.Month)], _overviews.Calls);
    }

    [Fact]
    public void Says_which_plays_the_figures_count_by_the_listeners_rule()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month) with
        {
            Rule = PlayCountRule.AtLeast30Seconds,
        });

        var page = RenderSignedIn<OverviewPage>();

        page.WaitForAssertion(() => Assert.Contains(
            "Plays are the ones your play-count rule counts: plays of at least 30 seconds.",
            page.Find("[data-testid=play-count-note]").TextContent));
        Assert.Equal("settings", page.Find("[data-testid=play-count-settings]").GetAttribute("href"));
    }

    [Fact]
    public async Task What_you_listened_to_shows_shares_of_plays_or_of_time_so_long_podcasts_show()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month) with
        {
            Content = [new ContentShare(ContentType.Music, 99, 10 * 3_600_000L),
                new ContentShare(ContentType.Podcast, 1, 2 * 3_600_000L)],
        });
        var page = RenderSignedIn<OverviewPage>();
        page.WaitForAssertion(() => Assert.Equal(["Music 99%", "Podcasts 1%"], ContentShares(page)));
        Assert.Equal("Share of plays by kind of listening.", ContentGraph(page).Label);

        await page.Find("[data-testid=content-share] [data-measure=time]").ClickAsync(new());

        // 10 and 2 hours: podcasts, one play in a hundred, are a sixth of the time.
        Assert.Equal(["Music 83%", "Podcasts 17%"], ContentShares(page));
        Assert.Equal("Share of listening time by kind of listening.", ContentGraph(page).Label);
        Assert.Equal([10.0, 2.0], (IEnumerable<double>)ContentGraph(page).Options.Series);
    }

    private static List<string> ContentShares(IRenderedComponent<OverviewPage> page) =>
        [.. page.FindAll("[data-testid=content-share] .share-list li")
            .Select(li => $"{li.Children[0].TextContent} {li.Children[1].TextContent}")];

    private static Graph ContentGraph(IRenderedComponent<OverviewPage> page) =>
        page.FindComponents<Graph>().Select(g => g.Instance).Single(g => g.Label.StartsWith("Share of",
            StringComparison.Ordinal));

    [Fact]
    public void One_play_reads_one_play()
    {
        var sample = Sample(PeriodSelection.Month);
        _overviews.Next = Task.FromResult(sample with
        {
            TopTracks = [sample.TopTracks[0] with { Plays = 1 }],
            PlaysPerDay = [new DayTotal(sample.Range.From, 1, 1), new DayTotal(sample.Range.To, 0, 0)],
            Content = [new ContentShare(ContentType.Music, 5, 1), new ContentShare(ContentType.Podcast, 1, 1)],
            Clock = [new ClockCell(1, 8, 1)],
        });

        var page = RenderSignedIn<OverviewPage>();

        page.WaitForAssertion(() =>
            Assert.Equal("1 play", page.Find("[data-testid=top-tracks] .top-list-plays").TextContent));
        Assert.Contains("Busiest day: 1 Nov 2026, 1 play", page.Find("[data-testid=plays-per-day]").TextContent);
        Assert.Contains("1 play ·", page.FindAll("[data-testid=content-share] .share-list li")[1].TextContent);
        Assert.Equal("08:00: 1 play", page.FindAll("[data-testid=hourly] figcaption li")[8].TextContent);
        Assert.Equal("Mon: 1 play", page.FindAll("[data-testid=weekdays] figcaption li")[0].TextContent);
        Assert.DoesNotContain("1 plays", page.Markup);
    }

    [Fact]
    public async Task While_tracks_wait_for_their_look_up_it_says_how_many_and_that_figures_can_change()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));
        _lookups.Pending = 2_488;
        var page = RenderSignedIn<OverviewPage>();

        page.WaitForAssertion(() => Assert.Equal(
            "2,488 tracks still being looked up on Spotify. Until then a track counts only under the artist and " +
            "album your export named, so figures by artist and album can still change as the look-ups go on.",
            page.Find("[data-testid=lookup-notice]").TextContent));

        // A step ends: the sync goes on, and the count is not read again until it ends.
        _lookups.Pending = 1;
        await page.InvokeAsync(() => _syncs.PublishAsync(new SyncUpdate(4, UserId, SyncStatus.Running, "library")));
        Assert.StartsWith("2,488 tracks", page.Find("[data-testid=lookup-notice]").TextContent);
        await page.InvokeAsync(() => _syncs.PublishAsync(new SyncUpdate(4, UserId, SyncStatus.Completed, null)));
        page.WaitForAssertion(() =>
            Assert.StartsWith("1 track still being looked up", page.Find("[data-testid=lookup-notice]").TextContent));

        _lookups.Pending = 0;
        await page.InvokeAsync(() => _syncs.PublishAsync(new SyncUpdate(5, UserId, SyncStatus.Completed, null)));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=lookup-notice]")));
        Assert.Equal([UserId], _lookups.AskedFor.Distinct());
    }

    [Fact]
    public async Task An_import_that_ends_brings_the_count_of_tracks_awaiting_their_look_up()
    {
        // A first sign-in whose sync ended before the history was imported: nothing waited for a look-up then.
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));
        var page = RenderSignedIn<OverviewPage>();
        page.WaitForAssertion(() => Assert.Single(_lookups.AskedFor));
        Assert.Empty(page.FindAll("[data-testid=lookup-notice]"));

        _lookups.Pending = 656;
        await page.InvokeAsync(() =>
            _importNotifier.PublishAsync(new ImportProgress(41, UserId, ImportStatus.Completed, null,
            20_000, 20_000, 19_960, 40, 0, 0, 2_000)));

        page.WaitForAssertion(() => Assert.StartsWith("656 tracks still being looked up",
            page.Find("[data-testid=lookup-notice]").TextContent));
    }

    [Fact]
    public void Reads_the_period_from_the_address()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Year));

        var page = RenderSignedIn<OverviewPage>("/?period=year");

        page.WaitForAssertion(() => Assert.Equal([(UserId, PeriodSelection.Year)], _overviews.Calls));
        Assert.StartsWith("Last 365 days", page.Find("[data-testid=period-range]").TextContent);
    }

    [Fact]
    public async Task Choosing_a_period_puts_it_in_the_address_and_loads_it()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));
        var page = RenderSignedIn<OverviewPage>();
        page.WaitForAssertion(() => Assert.Single(_overviews.Calls));

        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Quarter));
        await page.Find("[data-period=quarter]").ClickAsync();

        Assert.EndsWith("?period=quarter", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(PeriodSelection.Quarter, _overviews.Calls[^1].Period));
    }

    [Fact]
    public async Task The_period_choice_is_a_radio_group_that_says_which_period_is_chosen()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));
        var page = RenderSignedIn<OverviewPage>();
        page.WaitForAssertion(() => Assert.Single(_overviews.Calls));
        string[] Checked() => page.FindAll("[role=radiogroup][aria-label=Period] [role=radio][aria-checked=true]")
            .Select(radio => radio.TextContent.Trim()).ToArray();

        Assert.Equal(["Month"], Checked());
        Assert.Equal(6, page.FindAll("[role=radiogroup][aria-label=Period] [role=radio]").Count);
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Quarter));
        await page.Find("[data-period=quarter]").ClickAsync();

        page.WaitForAssertion(() => Assert.Equal(["Quarter"], Checked()));
    }

    [Fact]
    public async Task A_chosen_period_is_remembered_for_the_session_and_kept_when_a_page_opens_without_one()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));
        var page = RenderSignedIn<OverviewPage>("/");
        page.WaitForAssertion(() => Assert.Single(_overviews.Calls));

        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Year));
        await page.Find("[data-period=year]").ClickAsync();
        page.WaitForAssertion(() => Assert.Equal(PeriodSelection.Year, _overviews.Calls[^1].Period));
        Assert.Equal(PeriodSelection.Year, Chosen.Current);
        Assert.Equal(["dashboard.period", "year"],
            BrowserModule.VerifyInvoke("rememberForSession").Arguments);

        // Opened again without a period (a link or a bookmark without one): the year stays, and the address says so.
        Navigation.NavigateTo("/");

        page.WaitForAssertion(() => Assert.Equal("http://localhost/?period=year", Navigation.Uri));
        Assert.Equal(PeriodSelection.Year, _overviews.Calls[^1].Period);
        Assert.Empty(page.FindAll("[data-testid=address-notice]"));
    }

    [Fact]
    public void Says_what_to_do_when_nothing_was_played()
    {
        var empty = Sample(PeriodSelection.AllTime);
        _overviews.Next =
            Task.FromResult(empty with { Current = empty.Current with { Plays = 0 }, TopArtists = [], TopTracks = [] });

        var page = RenderSignedIn<OverviewPage>("/?period=all_time");

        page.WaitForAssertion(() =>
            Assert.Contains("Import your Spotify privacy export",
                page.Find("[data-testid=overview-empty]").TextContent));
    }

    [Fact]
    public async Task A_period_it_cannot_read_is_said_and_the_address_shows_the_period_shown_until_another_is_chosen()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));

        var page = RenderSignedIn<OverviewPage>("/?period=fortnight");

        page.WaitForAssertion(() => Assert.Equal(
            "This page could not use part of its address and left it out: period=fortnight: must be one of week, " +
            "month, quarter, year, all_time, custom. The address now shows what the page shows.",
            page.Find("[data-testid=address-notice]").TextContent));
        Assert.Equal("http://localhost/?period=month", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal([(UserId, PeriodSelection.Month)], _overviews.Calls));

        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Year));
        await page.Find("[data-period=year]").ClickAsync();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=address-notice]")));
    }

    [Fact]
    public void Days_beside_a_period_that_has_its_own_are_said_to_be_left_out()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Year));

        var page = RenderSignedIn<OverviewPage>("/?period=year&from=2025-01-01");

        page.WaitForAssertion(() => Assert.Contains("from=2025-01-01: a day only for period=custom",
            page.Find("[data-testid=address-notice]").TextContent));
        Assert.Equal("http://localhost/?period=year", Navigation.Uri);
    }

    [Fact]
    public void Shows_an_error_plainly_and_retries()
    {
        _overviews.Next = Task.FromException<ListeningOverview>(new InvalidOperationException("database is locked"));
        var page = RenderSignedIn<OverviewPage>();
        page.WaitForAssertion(() =>
            Assert.Contains("could not be loaded", page.Find("[data-testid=overview-error]").TextContent));
        Assert.DoesNotContain("database is locked", page.Markup);

        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));
        page.FindAll("[data-testid=overview-error] button").Single().Click();

        page.WaitForAssertion(() =>
            Assert.Equal("12,345", page.Find("[data-testid=stat-plays] .stat-card-value").TextContent));
    }

    [Fact]
    public void A_custom_range_in_the_address_is_loaded()
    {
        var range = PeriodSelection.Between(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31));
        _overviews.Next = Task.FromResult(Sample(range));

        var page = RenderSignedIn<OverviewPage>("/?period=custom&from=2025-01-01&to=2025-03-31");

        page.WaitForAssertion(() => Assert.Equal([(UserId, range)], _overviews.Calls));
    }

    [Fact]
    public void A_range_that_ended_before_today_shows_the_streak_on_its_last_day_and_says_so()
    {
        var range = PeriodSelection.Between(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3));
        var sample = Sample(range);
        _overviews.Next = Task.FromResult(sample with
        {
            Streaks = new Streaks(9, 2, new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2)),
                AsOf: new DateOnly(2026, 11, 3)),
        });

        var page = RenderSignedIn<OverviewPage>("/?period=custom&from=2026-11-01&to=2026-11-03");

        page.WaitForAssertion(() =>
            Assert.Equal("9 days", page.Find("[data-testid=stat-streak] .stat-card-value").TextContent));
        Assert.Equal("Streak on 3 Nov 2026", page.Find("[data-testid=stat-streak] .stat-card-label").TextContent);
        Assert.Contains("Longest in this period: 2 days", page.Find("[data-testid=stat-streak]").TextContent);
    }

    [Fact]
    public void A_range_that_ends_today_shows_the_current_streak()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));

        var page = RenderSignedIn<OverviewPage>();

        page.WaitForAssertion(() =>
            Assert.Equal("Current streak", page.Find("[data-testid=stat-streak] .stat-card-label").TextContent));
    }

    [Fact]
    public async Task A_running_import_shows_its_progress_live_and_its_end_reloads_the_figures()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));
        _imports.Active = new ImportSummary(41, ImportStatus.Pending, ["my_spotify_data.zip"], 1_000, 20_000, 0, 0, 0,
            0, 0,
            new Dictionary<string, int>(), [], null, null, null, DateTime.UtcNow, null, null);
        var page = RenderSignedIn<OverviewPage>();
        page.WaitForAssertion(() =>
            Assert.Contains("it starts in a moment", page.Find("[data-testid=import-notice-text]").TextContent));
        page.WaitForAssertion(() => Assert.Single(_overviews.Calls));

        await page.InvokeAsync(() =>
            _importNotifier.PublishAsync(
                    new ImportProgress(41, UserId, ImportStatus.Running, "Streaming_History_Audio_2024.json",
            20_000, 5_000, 4_990, 10, 0, 0, 2_000)));
        page.WaitForAssertion(() => Assert.Equal(
            "Importing your listening history: 5,000 of 20,000 plays read. The figures below fill in when it is done.",
            page.Find("[data-testid=import-notice-text]").TextContent));

        await page.InvokeAsync(() =>
            _importNotifier.PublishAsync(new ImportProgress(41, UserId, ImportStatus.Completed, null,
            20_000, 20_000, 19_960, 40, 0, 0, 2_000)));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=import-notice]")));
        page.WaitForAssertion(() => Assert.True(_overviews.Calls.Count >= 2, $"{_overviews.Calls.Count} loads"));
    }

    [Fact]
    public async Task An_import_that_ends_while_the_notice_looks_it_up_shows_no_notice_and_reloads_the_figures()
    {
        _overviews.Next = Task.FromResult(Sample(PeriodSelection.Month));
        var lookUp = new TaskCompletionSource<ImportSummary?>();
        _imports.Answer = lookUp.Task;
        var page = RenderSignedIn<OverviewPage>();
        page.WaitForAssertion(() => Assert.Single(_overviews.Calls));

        // The import ends after the notice subscribed but before its look-up, which read it still running, answers.
        await page.InvokeAsync(() =>
            _importNotifier.PublishAsync(new ImportProgress(41, UserId, ImportStatus.Completed, null,
            20_000, 20_000, 19_960, 40, 0, 0, 2_000)));
        await page.InvokeAsync(() =>
            lookUp.SetResult(new ImportSummary(41, ImportStatus.Running, ["my_spotify_data.zip"], 1_000, 20_000,
            12_000, 0, 0, 0, 0, new Dictionary<string, int>(), [], null, null, null, DateTime.UtcNow, null, null)));

        page.WaitForAssertion(() => Assert.True(_overviews.Calls.Count >= 2, $"{_overviews.Calls.Count} loads"));
        Assert.Empty(page.FindAll("[data-testid=import-notice]"));
    }

    private static ListeningOverview Sample(PeriodSelection selection)
    {
        var range = new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3));
        return new ListeningOverview(
            selection,
            range,
            Current: new Headline(12_345, 823L * 3_600_000, 1_024, 256, 100, 2, 4115),
            Previous: new Headline(10_000, 800L * 3_600_000, 1_000, 250, 90, 3, 3333.3),
            Streaks: new Streaks(4, 2, new DayRange(range.From, range.From.AddDays(1))),
            TopTracks: [new RankedItem(1, 3, "Idioteque", "Radiohead", null, 40, 12_000_000)],
            TopArtists: [new RankedItem(1, 1, "Radiohead", null, null, 90, 20_000_000),
            new RankedItem(2, 2, "Björk", null, null, 50, 10_000_000)],
            TopAlbums: [new RankedItem(1, 5, "Kid A", "Radiohead", null, 60, 15_000_000)],
            PlaysPerDay: [new DayTotal(range.From, 10, 1), new DayTotal(range.From.AddDays(1), 40, 1),
            new DayTotal(range.To, 0, 0)],
            Clock: [new ClockCell(1, 8, 30), new ClockCell(5, 22, 20)],
            Content: [new ContentShare(ContentType.Music, 40, 1),
            new ContentShare(ContentType.Podcast, 10, 1)]);
    }

    /// <summary>Answers with whatever the test sets in <see cref="Next"/> and records what it was asked.</summary>
    private sealed class FakeOverviewService() : OverviewService(null!, TimeProvider.System)
    {
        public Task<ListeningOverview> Next { get; set; } = Task.FromResult<ListeningOverview>(null!);

        public List<(int UserId, PeriodSelection Period)> Calls { get; } = [];

        public override Task<ListeningOverview> GetAsync(int userId, PeriodSelection period,
            CancellationToken cancellationToken)
        {
            Calls.Add((userId, period));
            return Next;
        }
    }

    private sealed class FakeLookups() : CatalogueLookups(null!)
    {
        public int Pending { get; set; }

        public List<int> AskedFor { get; } = [];

        public override Task<int> TracksPendingAsync(int userId, CancellationToken cancellationToken)
        {
            AskedFor.Add(userId);
            return Task.FromResult(Pending);
        }
    }

    private sealed class FakeImportActivity() : ImportActivity(null!)
    {
        public ImportSummary? Active { get; set; }

        /// <summary>The look-up's answer when it should not come at once; otherwise <see cref="Active"/>.</summary>
        public Task<ImportSummary?>? Answer { get; set; }

        public override Task<ImportSummary?> ActiveAsync(int userId, CancellationToken cancellationToken) =>
            Answer ?? Task.FromResult(Active);
    }
}
