using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics;
using Dashboard.Core.Listening;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using HistoryPage = Dashboard.Web.Components.Pages.History.History;
using HistoryResult = Dashboard.Core.Analytics.HistoryPage;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class HistoryPageTests : DashboardComponentTest
{
    private readonly FakeHistoryService _history = new();

    public HistoryPageTests()
    {
        Services.AddSingleton<HistoryService>(_history);
        Services.AddSingleton<PlayDeletion>(new FakePlayDeletion());
    }

    [Fact]
    public void Shows_skeletons_while_the_plays_load()
    {
        _history.Next = new TaskCompletionSource<HistoryResult>().Task;

        var page = RenderSignedIn<HistoryPage>("/history");

        Assert.NotNull(page.Find("[data-testid=history-loading]"));
        Assert.Empty(page.FindAll("[data-testid=history-row]"));
    }

    [Fact]
    public void Lists_every_play_newest_first_with_links_and_what_counted()
    {
        _history.Next = Task.FromResult(Sample(page: 1, total: 120));

        var page = RenderSignedIn<HistoryPage>("/history");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=history-row]").Count));
        Assert.Equal([new HistoryQuery(1, 50)], _history.Calls.Select(c => c.Query));
        Assert.Equal(UserId, _history.Calls.Single().UserId);
        Assert.Equal("1–3 of 120 plays", page.Find("[data-testid=history-summary]").TextContent);
        Assert.Equal(["Tuesday, 3 November 2026", "Monday, 2 November 2026"],
            page.FindAll(".day-row th").Select(e => e.TextContent));

        var rows = page.FindAll("[data-testid=history-row]");
        var track = rows[0];
        var skip = rows[1];
        Assert.Equal("23:59", track.QuerySelector("time")!.TextContent);
        Assert.Equal("tracks/3", track.QuerySelector(".history-item-name")!.GetAttribute("href"));
        Assert.Equal("artists/1", track.QuerySelector("[data-testid=history-artist-link]")!.GetAttribute("href"));
        Assert.Equal("albums/5", track.QuerySelector(".history-album a")!.GetAttribute("href"));
        Assert.Equal("4:05", track.QuerySelector("[data-testid=history-played]")!.TextContent);
        Assert.Equal("Played 4:05 of 5:09", track.QuerySelector("[data-testid=history-played]")!.GetAttribute("title"));
        Assert.Null(track.QuerySelector("[data-testid=not-counted]"));
        Assert.Equal("Android", track.QuerySelector(".col-platform")!.TextContent);
        Assert.Equal("android", track.QuerySelector(".col-platform span")!.GetAttribute("title"));
        Assert.Equal("macOS", skip.QuerySelector(".col-platform")!.TextContent);
        Assert.Equal("Germany", track.QuerySelector(".col-country abbr")!.GetAttribute("title"));
        Assert.Equal("Export", track.QuerySelector(".col-source")!.TextContent);

        Assert.Equal("0:12", skip.QuerySelector("[data-testid=history-played]")!.TextContent);
        Assert.NotNull(skip.QuerySelector("[data-testid=not-counted]"));
        Assert.NotNull(skip.QuerySelector("[data-testid=skipped]"));
        Assert.Equal("Sync", skip.QuerySelector(".col-source")!.TextContent);

        var episode = rows[2];
        Assert.Equal("shows/8", episode.QuerySelector(".history-item-name")!.GetAttribute("href"));
        Assert.Equal("shows/8", episode.QuerySelector("[data-testid=history-show]")!.GetAttribute("href"));
        Assert.Equal("1:02:15", episode.QuerySelector("[data-testid=history-played]")!.TextContent);
    }

    [Fact]
    public void Reads_every_filter_and_the_page_from_the_address()
    {
        _history.Next = Task.FromResult(Sample(page: 2, total: 120));

        var page = RenderSignedIn<HistoryPage>(
            "/history?page=2&q=radio&artist=Bj%C3%B6rk&from=2025-01-01&to=2025-03-31" +
            "&source=sync&type=podcast&skipped=yes");

        var expected = new HistoryQuery(2, 50, "radio", "Björk", From: new DateOnly(2025, 1, 1),
            To: new DateOnly(2025, 3, 31),
            Source: PlaySource.Sync, ContentType: ContentType.Podcast, Skipped: true);
        page.WaitForAssertion(() => Assert.Equal([expected], _history.Calls.Select(c => c.Query)));
        Assert.Equal("radio", page.Find("[data-testid=history-search] input").GetAttribute("value"));
        Assert.Equal("51–53 of 120 plays", page.Find("[data-testid=history-summary]").TextContent);
        Assert.NotNull(page.Find("[data-testid=history-clear]"));
    }

    [Fact]
    public async Task An_artist_id_in_the_address_keeps_that_artists_plays_and_names_them_until_removed()
    {
        _history.Next = Task.FromResult(Sample(page: 1, total: 120));
        _history.Names = new HistoryItemNames("HORIZON", null, null, null);

        var page = RenderSignedIn<HistoryPage>("/history?artist_id=12&type=music");

        page.WaitForAssertion(() =>
            Assert.Equal([new HistoryQuery(1, 50, ArtistId: 12, ContentType: ContentType.Music)],
                _history.Calls.Select(c => c.Query)));
        page.WaitForAssertion(() =>
            Assert.Equal("Artist: HORIZON", page.Find("[data-testid=history-item]").TextContent.Trim()));
        Assert.Null(page.Find("[data-testid=history-artist] input").GetAttribute("value"));

        await page.Find("[data-testid=history-item] button").ClickAsync();

        Assert.Equal("http://localhost/history?type=music", Navigation.Uri);
        page.WaitForAssertion(() =>
            Assert.Equal(new HistoryQuery(1, 50, ContentType: ContentType.Music), _history.Calls[^1].Query));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=history-item]")));
    }

    [Fact]
    public void Track_album_and_show_ids_in_the_address_keep_those_items()
    {
        _history.Next = Task.FromResult(Sample(page: 1, total: 120));
        _history.Names = new HistoryItemNames(null, "Idioteque", "Kid A", null);

        var page = RenderSignedIn<HistoryPage>("/history?track_id=3&album_id=5&show_id=8");

        page.WaitForAssertion(() =>
            Assert.Equal([new HistoryQuery(1, 50, TrackId: 3, AlbumId: 5, ShowId: 8)],
                _history.Calls.Select(c => c.Query)));
        page.WaitForAssertion(() =>
            Assert.Equal(["Track: Idioteque", "Album: Kid A", "Podcast: not in your history (id 8)"],
                page.FindAll("[data-testid=history-item]").Select(c => c.TextContent.Trim())));
    }

    [Fact]
    public async Task Counted_or_not_is_a_filter_in_the_address_and_the_page_says_which_plays_count()
    {
        _history.Next = Task.FromResult(Sample(page: 1, total: 120) with { Rule = PlayCountRule.AtLeastHalf });
        var page = RenderSignedIn<HistoryPage>("/history?counted=no&q=radio");

        page.WaitForAssertion(() =>
            Assert.Equal([new HistoryQuery(1, 50, "radio", Counted: false)], _history.Calls.Select(c => c.Query)));
        page.WaitForAssertion(() => Assert.Contains(
            "Your play-count rule counts plays of at least half the track or episode (30 seconds while its length " +
            "is not known), as the Overview and the other figures do; the others are marked not counted.",
            page.Find("[data-testid=play-count-note]").TextContent));
        Assert.Equal("settings", page.Find("[data-testid=play-count-settings]").GetAttribute("href"));

        var counted = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Counted");
        await page.InvokeAsync(() => counted.Instance.ValueChanged.InvokeAsync("yes"));

        Assert.Equal("http://localhost/history?counted=yes&q=radio", Navigation.Uri);
        page.WaitForAssertion(() =>
            Assert.Equal(new HistoryQuery(1, 50, "radio", Counted: true), _history.Calls[^1].Query));
    }

    [Fact]
    public void Typing_a_search_puts_it_in_the_address_after_a_pause_and_starts_at_the_first_page()
    {
        _history.Next = Task.FromResult(Sample(page: 3, total: 200));
        var page = RenderSignedIn<HistoryPage>("/history?page=3&type=music");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=history-row]").Count));

        page.Find("[data-testid=history-search] input").Input("kid a");

        page.WaitForAssertion(() => Assert.Equal("http://localhost/history?type=music&q=kid%20a", Navigation.Uri));
        page.WaitForAssertion(() =>
            Assert.Equal(new HistoryQuery(1, 50, "kid a", ContentType: ContentType.Music), _history.Calls[^1].Query));
    }

    [Fact]
    public async Task Choosing_a_filter_and_a_page_keeps_the_others_in_the_address()
    {
        _history.Next = Task.FromResult(Sample(page: 1, total: 200));
        var page = RenderSignedIn<HistoryPage>("/history?q=radio");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=history-row]").Count));

        var skipped = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Skipped");
        await page.InvokeAsync(() => skipped.Instance.ValueChanged.InvokeAsync("no"));
        Assert.Equal("http://localhost/history?q=radio&skipped=no", Navigation.Uri);
        page.WaitForAssertion(() =>
            Assert.Equal(new HistoryQuery(1, 50, "radio", Skipped: false), _history.Calls[^1].Query));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=history-pages]")));
        await page.Find("[data-testid=history-pages] button[aria-label='Page 2']").ClickAsync();
        Assert.Equal("http://localhost/history?q=radio&skipped=no&page=2", Navigation.Uri);
        page.WaitForAssertion(() =>
            Assert.Equal(new HistoryQuery(2, 50, "radio", Skipped: false), _history.Calls[^1].Query));
    }

    [Fact]
    public void When_no_play_matches_the_filters_they_can_be_cleared()
    {
        _history.Next = Task.FromResult(new HistoryResult([], 0, 1, 50));
        var page = RenderSignedIn<HistoryPage>("/history?q=zzz&source=export");

        page.WaitForAssertion(() =>
            Assert.Contains("No plays match these filters", page.Find("[data-testid=history-empty]").TextContent));
        _history.Next = Task.FromResult(Sample(page: 1, total: 120));
        page.Find("[data-testid=history-empty-clear]").Click();

        // The page loads off the renderer's thread; the click is handled once the renderer is free.
        page.WaitForAssertion(() => Assert.Equal("http://localhost/history", Navigation.Uri));
        page.WaitForAssertion(() => Assert.Equal(new HistoryQuery(1, 50), _history.Calls[^1].Query));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=history-row]").Count));
        Assert.Empty(page.FindAll("[data-testid=history-clear]"));
    }

    [Fact]
    public void An_empty_history_says_to_import_one()
    {
        _history.Next = Task.FromResult(new HistoryResult([], 0, 1, 50));

        var page = RenderSignedIn<HistoryPage>("/history");

        page.WaitForAssertion(() =>
            Assert.Contains("Import your Spotify privacy export",
                page.Find("[data-testid=history-empty]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=history-empty-clear]"));
    }

    [Fact]
    public async Task A_page_past_the_end_offers_the_first()
    {
        _history.Next = Task.FromResult(new HistoryResult([], 120, 9, 50));
        var page = RenderSignedIn<HistoryPage>("/history?page=9");

        page.WaitForAssertion(() =>
            Assert.Contains("These plays fill 3 pages", page.Find("[data-testid=history-past-end]").TextContent));
        await page.Find("[data-testid=history-past-end] button").ClickAsync();

        Assert.Equal("http://localhost/history", Navigation.Uri);
    }

    [Fact]
    public void Filters_it_cannot_read_are_said_and_the_address_keeps_only_those_it_shows()
    {
        _history.Next = Task.FromResult(Sample(page: 1, total: 120));

        var page = RenderSignedIn<HistoryPage>(
            "/history?q=kid&from=2025-13-01&source=radio&artist_id=abc&skipped=maybe&page=0");

        page.WaitForAssertion(() => Assert.Equal(
            "This page could not use part of its address and left it out: from=2025-13-01: must be a date as " +
            "yyyy-MM-dd; artist_id=abc: must be a whole number from 1; source=radio: must be one of export, account, " +
            "sync; skipped=maybe: must be yes or no; page=0: must be a whole number from 1. The address now shows " +
            "what the page shows.",
            page.Find("[data-testid=address-notice]").TextContent));
        Assert.Equal("http://localhost/history?q=kid", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal([new HistoryQuery(1, 50, "kid")],
            _history.Calls.Select(c => c.Query)));
    }

    [Fact]
    public void Shows_an_error_plainly_and_retries()
    {
        _history.Next = Task.FromException<HistoryResult>(new InvalidOperationException("database is locked"));
        var page = RenderSignedIn<HistoryPage>("/history");
        page.WaitForAssertion(() =>
            Assert.Contains("could not be loaded", page.Find("[data-testid=history-error]").TextContent));
        Assert.DoesNotContain("database is locked", page.Markup);

        _history.Next = Task.FromResult(Sample(page: 1, total: 120));
        page.Find("[data-testid=history-error] button").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=history-row]").Count));
    }

    private static HistoryResult Sample(int page, int total)
    {
        var late = new DateTime(2026, 11, 3, 22, 59, 0, DateTimeKind.Utc);
        return new HistoryResult(
        [
            Entry(1, late, late.AddHours(1), 245_000, counted: true) with
            {
                TrackId = 3, Name = "Idioteque", ArtistId = 1, ArtistName = "Radiohead", AlbumId = 5,
                    AlbumName = "Kid A", DurationMs = 309_000,
                Platform = "android", Country = "DE", Source = PlaySource.ExtendedHistory,
            },
            Entry(2, late.AddMinutes(-5), late.AddMinutes(-5).AddHours(1), 12_000, counted: false) with
            {
                TrackId = 4, Name = "Hyperballad", ArtistId = 2, ArtistName = "Björk", Skipped = true,
                    Source = PlaySource.Sync, Platform = "osx",
            },
            Entry(3, late.AddDays(-1), late.AddDays(-1).AddHours(1), 3_735_000, counted: true) with
            {
                ContentType = ContentType.Podcast, EpisodeId = 9, Name = "Episode 12", ShowId = 8,
                    ShowName = "Song Exploder",
            },
        ], total, page, 50);
    }

    [Fact]
    public async Task The_days_picker_starts_weeks_on_Monday_and_offers_no_day_after_the_listeners_today()
    {
        Services.AddSingleton<UserAccounts>(new FakeAccounts(zone: DayPickerTests.Zone));
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DayPickerTests.Now));
        _history.Next = Task.FromResult(Sample(page: 1, total: 120));
        var page = RenderSignedIn<HistoryPage>("/history?from=2026-03-02&to=2026-03-08");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=history-row]").Count));

        await page.InvokeAsync(() => page.FindComponent<MudDateRangePicker>().Instance.OpenAsync());

        // 05:00 on 10 March in UTC is still 9 March on the listener's clock.
        await DayPickerTests.ExpectMarchUpToAsync(page, lastDay: 9);
    }

    private static HistoryEntry Entry(long id, DateTime utc, DateTime local, int ms, bool counted) =>
        new(id, utc, local, ms, counted, ContentType.Music, null, null, "", null, null, null, null, null, null, null,
            null,
            PlaySource.ExtendedHistory, null, null, null, null, null, null, null);

    /// <summary>Answers with whatever the test sets in <see cref="Next"/> and records what it was asked.</summary>
    private sealed class FakeHistoryService() : HistoryService(null!)
    {
        public Task<HistoryResult> Next { get; set; } = Task.FromResult<HistoryResult>(null!);

        public HistoryItemNames Names { get; set; } = HistoryItemNames.None;

        public override Task<HistoryItemNames> GetItemNamesAsync(int userId, HistoryQuery query,
            CancellationToken cancellationToken) => Task.FromResult(Names);

        private readonly List<(int UserId, HistoryQuery Query)> _calls = [];

        /// <summary>The calls so far. The pages call from the thread pool: the list is locked.</summary>
        public List<(int UserId, HistoryQuery Query)> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public override Task<HistoryResult> GetAsync(int userId, HistoryQuery query,
            CancellationToken cancellationToken)
        {
            lock (_calls)
            {
                _calls.Add((userId, query));
            }
            return Next;
        }
    }
}
