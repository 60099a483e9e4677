using Bunit;
using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Pages.TopLists;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class TopListsPageTests : DashboardComponentTest
{
    private readonly FakeTopListsService _lists = new();

    public TopListsPageTests() => Services.AddSingleton<TopListsService>(_lists);

    [Fact]
    public void Shows_skeletons_while_the_list_loads()
    {
        _lists.Next = new TaskCompletionSource<TopList>().Task;

        var page = RenderSignedIn<TopLists>("/top");

        Assert.NotNull(page.Find("[data-testid=top-loading]"));
        Assert.Empty(page.FindAll("[data-testid=top-row]"));
    }

    [Fact]
    public void Ranks_the_entries_with_their_movement_links_and_figures()
    {
        _lists.Next = Task.FromResult(Sample(TopKind.Tracks, PeriodSelection.Month, 25));

        var page = RenderSignedIn<TopLists>("/top");

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=top-row]").Count));
        var rows = page.FindAll("[data-testid=top-row]");
        Assert.Equal(["Idioteque", "Hyperballad", "Army of Me", "Windowlicker"],
            rows.Select(r => r.QuerySelector(".top-item-name")!.TextContent));
        Assert.Equal("tracks/3", rows[0].QuerySelector(".top-item-name")!.GetAttribute("href"));
        Assert.Equal("Radiohead", rows[0].QuerySelector(".top-item-detail")!.TextContent);
        Assert.Equal("1,234", rows[0].QuerySelector(".top-plays")!.TextContent);
        Assert.Equal("5 h 33 min", rows[0].QuerySelector(".col-time")!.TextContent);
        Assert.Equal(
            ["Up 2 places, was #3", "Down 1 place, was #1", "New: first played in this period",
            "Re-entry: played before, but not in the previous period"],
            page.FindAll("[data-testid=movement]").Select(m => m.GetAttribute("aria-label")));
        Assert.Equal("4 of 120 tracks", page.Find("[data-testid=top-count]").TextContent);
        Assert.Equal([(UserId, TopKind.Tracks, PeriodSelection.Month, TopLists.DefaultLimit)], _lists.Calls);
    }

    [Fact]
    public void All_time_has_no_movement()
    {
        var list = Sample(TopKind.Tracks, PeriodSelection.AllTime, 25);
        _lists.Next =
            Task.FromResult(
                list with { Entries = list.Entries.Select(e => e with { Movement = null, PreviousRank = null })
                    .ToList() });

        var page = RenderSignedIn<TopLists>("/top?period=all_time");

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=top-row]").Count));
        Assert.Empty(page.FindAll("[data-testid=movement]"));
        Assert.Empty(page.FindAll(".col-move"));
    }

    [Fact]
    public void Reads_kind_period_and_limit_from_the_address()
    {
        _lists.Next = Task.FromResult(Sample(TopKind.Artists, PeriodSelection.Year, 50));

        var page = RenderSignedIn<TopLists>("/top?kind=artists&period=year&limit=50");

        page.WaitForAssertion(() => Assert.Equal([(UserId, TopKind.Artists, PeriodSelection.Year, 50)], _lists.Calls));
        page.WaitForAssertion(() =>
            Assert.Equal("artists/3", page.Find("[data-testid=top-row] .top-item-name").GetAttribute("href")));
        Assert.StartsWith("Last 365 days", page.Find("[data-testid=period-range]").TextContent);
        Assert.Contains("Artists", page.Find(".mud-tab-active").TextContent);
    }

    [Fact]
    public void A_limit_the_service_does_not_offer_falls_back_to_the_default()
    {
        _lists.Next = Task.FromResult(Sample(TopKind.Tracks, PeriodSelection.Month, 25));

        var page = RenderSignedIn<TopLists>("/top?limit=7");

        page.WaitForAssertion(() => Assert.Equal(TopLists.DefaultLimit, _lists.Calls.Single().Limit));
    }

    [Fact]
    public async Task Choosing_a_tab_puts_the_kind_in_the_address_and_loads_it()
    {
        _lists.Next = Task.FromResult(Sample(TopKind.Tracks, PeriodSelection.Month, 25));
        var page = RenderSignedIn<TopLists>("/top?period=week");
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=top-row]").Count));

        _lists.Next = Task.FromResult(Sample(TopKind.Albums, PeriodSelection.Week, 25));
        await page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Albums")).ClickAsync();

        Assert.Equal("http://localhost/top?period=week&kind=albums", Navigation.Uri);
        page.WaitForAssertion(() =>
            Assert.Equal((TopKind.Albums, PeriodSelection.Week), (_lists.Calls[^1].Kind, _lists.Calls[^1].Period)));
        page.WaitForAssertion(() =>
            Assert.Equal("albums/3", page.Find("[data-testid=top-row] .top-item-name").GetAttribute("href")));
    }

    [Fact]
    public void An_answer_that_arrives_after_a_newer_choice_is_not_shown()
    {
        var slow = new TaskCompletionSource<TopList>();
        _lists.Next = slow.Task;
        var page = RenderSignedIn<TopLists>("/top");
        // The call comes from the thread pool and no render follows it while the answer is pending,
        // so a render-driven WaitForAssertion could miss it: poll instead.
        Assert.True(SpinWait.SpinUntil(() => _lists.Calls.Count == 1, TimeSpan.FromSeconds(10)));

        _lists.Next = Task.FromResult(Sample(TopKind.Albums, PeriodSelection.Month, 25));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Albums")).Click();
        page.WaitForAssertion(() => Assert.Equal("4 of 120 albums", page.Find("[data-testid=top-count]").TextContent));
        var renders = page.RenderCount;
        slow.SetResult(Sample(TopKind.Tracks, PeriodSelection.Month, 25) with { TotalItems = 999 });

        // The first load ends with a render either way; what it shows must still be the albums.
        page.WaitForState(() => page.RenderCount > renders);
        Assert.Equal("4 of 120 albums", page.Find("[data-testid=top-count]").TextContent);
    }

    [Fact]
    public async Task Choosing_a_limit_puts_it_in_the_address_and_loads_it()
    {
        _lists.Next = Task.FromResult(Sample(TopKind.Tracks, PeriodSelection.Month, 25));
        var page = RenderSignedIn<TopLists>("/top");
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=top-row]").Count));

        _lists.Next = Task.FromResult(Sample(TopKind.Tracks, PeriodSelection.Month, 100));
        var select = page.FindComponent<MudSelect<int>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(100));

        Assert.Equal("http://localhost/top?limit=100", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(100, _lists.Calls[^1].Limit));
    }

    [Fact]
    public void Says_what_to_do_when_nothing_was_played()
    {
        _lists.Next =
            Task.FromResult(Sample(TopKind.Tracks, PeriodSelection.AllTime, 25) with { Entries = [], TotalItems = 0 });

        var page = RenderSignedIn<TopLists>("/top?period=all_time");

        page.WaitForAssertion(() =>
            Assert.Contains("Import your Spotify privacy export", page.Find("[data-testid=top-empty]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=top-count]"));
    }

    [Fact]
    public void Shows_an_error_plainly_and_retries()
    {
        _lists.Next = Task.FromException<TopList>(new InvalidOperationException("database is locked"));
        var page = RenderSignedIn<TopLists>("/top");
        page.WaitForAssertion(() =>
            Assert.Contains("could not be loaded", page.Find("[data-testid=top-error]").TextContent));
        Assert.DoesNotContain("database is locked", page.Markup);

        _lists.Next = Task.FromResult(Sample(TopKind.Tracks, PeriodSelection.Month, 25));
        page.Find("[data-testid=top-error] button").Click();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=top-row]").Count));
    }

    private static TopList Sample(TopKind kind, PeriodSelection selection, int limit) => new(
        selection,
        new DayRange(new DateOnly(2026, 10, 5), new DateOnly(2026, 11, 3)),
        kind,
        limit,
        TotalItems: 120,
        Entries:
        [
            new TopEntry(
                new RankedItem(1, 3, "Idioteque", kind == TopKind.Artists ? null : "Radiohead", null, 1_234,
                    20_000_000), Movement.Up, 3),
            new TopEntry(new RankedItem(2, 4, "Hyperballad", "Björk", "https://i.scdn.co/image/a", 900, 10_000_000),
            Movement.Down, 1),
            new TopEntry(new RankedItem(3, 5, "Army of Me", "Björk", null, 800, 9_000_000), Movement.New, null),
            new TopEntry(new RankedItem(4, 6, "Windowlicker", "Aphex Twin", null, 700, 8_000_000), Movement.ReEntry,
            null),
        ]);

    [Fact]
    public void A_kind_and_a_length_it_cannot_read_are_said_and_left_out_of_the_address()
    {
        _lists.Next = Task.FromResult(Sample(TopKind.Tracks, PeriodSelection.Month, 25));

        var page = RenderSignedIn<TopLists>("/top?kind=songs&limit=7");

        page.WaitForAssertion(() => Assert.Equal(
            "This page could not use part of its address and left it out: kind=songs: must be one of tracks, " +
            "artists, albums, podcasts; limit=7: must be one of 10, 25, 50, 100. The address now shows what the " +
            "page shows.",
            page.Find("[data-testid=address-notice]").TextContent));
        Assert.Equal("http://localhost/top?kind=tracks&period=month", Navigation.Uri);
        page.WaitForAssertion(() =>
            Assert.Equal([(UserId, TopKind.Tracks, PeriodSelection.Month, 25)], _lists.Calls));
    }

    /// <summary>Answers with whatever the test sets in <see cref="Next"/> and records what it was asked.</summary>
    private sealed class FakeTopListsService() : TopListsService(null!, TimeProvider.System)
    {
        public Task<TopList> Next { get; set; } = Task.FromResult<TopList>(null!);

        private readonly List<(int UserId, TopKind Kind, PeriodSelection Period, int Limit)> _calls = [];

        /// <summary>The calls so far. The pages call from the thread pool: the list is locked.</summary>
        public List<(int UserId, TopKind Kind, PeriodSelection Period, int Limit)> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public override Task<TopList> GetAsync(int userId, TopKind kind, PeriodSelection selection, int limit,
            CancellationToken cancellationToken)
        {
            lock (_calls)
            {
                _calls.Add((userId, kind, selection, limit));
            }
            return Next;
        }
    }
}
