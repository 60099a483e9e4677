using Bunit;
using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using ChartsPage = Dashboard.Web.Components.Pages.Charts.Charts;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class ChartsPageTests : DashboardComponentTest
{

    private static readonly DateOnly Week = new(2024, 11, 4);

    private readonly FakeChartsService _charts = new();

    public ChartsPageTests() => Services.AddSingleton<ChartsService>(_charts);

    [Fact]
    public void Shows_skeletons_while_the_chart_loads()
    {
        _charts.Next = new TaskCompletionSource<WeeklyChart>().Task;

        var page = RenderSignedIn<ChartsPage>("/charts");

        Assert.NotNull(page.Find("[data-testid=charts-loading]"));
        Assert.Empty(page.FindAll("[data-testid=chart-line]"));
    }

    [Fact]
    public async Task Shows_the_latest_top_20_tracks_like_a_public_chart()
    {
        _charts.Next = Task.FromResult(Sample(ChartKind.Tracks));

        var page = RenderSignedIn<ChartsPage>("/charts");

        await Eventually(page, () => Assert.Equal(4, page.FindAll("[data-testid=chart-line]").Count));
        Assert.Equal([(UserId, ChartKind.Tracks, null, 20)], _charts.Calls);
        Assert.Equal("4 – 10 Nov 2024", page.Find("[data-testid=chart-week]").TextContent);
        var first = page.FindAll("[data-testid=chart-line]")[0];
        Assert.Equal("1", first.QuerySelector(".pos-number")!.TextContent);
        Assert.Equal("Idioteque", first.QuerySelector("a.item-name")!.TextContent);
        Assert.Equal("/tracks/3", first.QuerySelector("a.item-name")!.GetAttribute("href"));
        Assert.Equal("Radiohead", first.QuerySelector(".item-detail")!.TextContent);
        Assert.Contains("1,234", first.QuerySelector(".plays")!.TextContent);
        // Up from 3 to 1; the marker says so to screen readers, not just with colour.
        Assert.Equal("up", first.QuerySelector("[data-testid=movement]")!.GetAttribute("data-movement"));
        Assert.Equal("Up 2 places from 3", first.QuerySelector("[data-testid=movement] .sr-only")!.TextContent);
        var markers = page.FindAll("[data-testid=movement] .sr-only").Select(e => e.TextContent);
        Assert.Equal(["Up 2 places from 3", "Down 1 place from 1", "New this week", "Back on the chart"], markers);
        Assert.Contains("Latest week with plays", page.Find("[data-testid=weekly-chart]").TextContent);
    }

    [Fact]
    public async Task Week_buttons_link_to_the_weeks_before_and_after()
    {
        _charts.Next = Task.FromResult(Sample(ChartKind.Tracks) with
        {
            WeekStart = Week.AddDays(-7), PreviousWeek = Week.AddDays(-14), NextWeek = Week,
                LatestWeek = Week.AddDays(7),
        });

        var page = RenderSignedIn<ChartsPage>("/charts?week=2024-10-30");

        await Eventually(page,
            () => Assert.Equal("28 Oct – 3 Nov 2024", page.Find("[data-testid=chart-week]").TextContent));
        Assert.Equal(new DateOnly(2024, 10, 30), _charts.Calls.Single().Week);
        Assert.EndsWith("/charts?week=2024-10-21&kind=tracks&length=20",
            page.Find("[data-testid=previous-week]").GetAttribute("href"));
        Assert.EndsWith("/charts?week=2024-11-04&kind=tracks&length=20",
            page.Find("[data-testid=next-week]").GetAttribute("href"));
        Assert.EndsWith("/charts?week=2024-11-11&kind=tracks&length=20",
            page.Find("[data-testid=latest-week]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_last_week_on_record_has_no_next_week()
    {
        _charts.Next = Task.FromResult(Sample(ChartKind.Tracks) with { NextWeek = null });

        var page = RenderSignedIn<ChartsPage>("/charts");

        await Eventually(page, () => Assert.NotNull(page.Find("[data-testid=next-week]")));
        Assert.True(page.Find("[data-testid=next-week]").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid=previous-week]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Reads_kind_week_and_length_from_the_address()
    {
        _charts.Next = Task.FromResult(Sample(ChartKind.Artists));

        var page = RenderSignedIn<ChartsPage>("/charts?kind=artists&week=2024-11-06&length=50");

        await Eventually(page,
            () => Assert.Equal([(UserId, ChartKind.Artists, (DateOnly?)new DateOnly(2024, 11, 6), 50)], _charts.Calls));
        await Eventually(page, () => Assert.Equal("/artists/3", page.FindAll("a.item-name")[0].GetAttribute("href")));
        Assert.Contains("top 50", page.Find(".page-header").TextContent);
    }

    [Fact]
    public async Task Lengths_other_than_10_20_or_50_fall_back_to_20()
    {
        _charts.Next = Task.FromResult(Sample(ChartKind.Tracks));

        var page = RenderSignedIn<ChartsPage>("/charts?length=7&kind=albums");

        await Eventually(page, () => Assert.Equal([(UserId, ChartKind.Tracks, null, 20)], _charts.Calls));
    }

    [Fact]
    public async Task Switching_to_artists_keeps_the_week_in_the_address()
    {
        _charts.Next = Task.FromResult(Sample(ChartKind.Tracks));
        var page = RenderSignedIn<ChartsPage>("/charts?week=2024-11-04");
        await Eventually(page, () => Assert.Equal(4, page.FindAll("[data-testid=chart-line]").Count));

        _charts.Next = Task.FromResult(Sample(ChartKind.Artists));
        await page.Find("[data-kind=artists]").ClickAsync(new());

        await Eventually(page, () => Assert.Contains("kind=artists", Navigation.Uri));
        Assert.Contains("week=2024-11-04", Navigation.Uri);
        await Eventually(page,
            () => Assert.Equal((ChartKind.Artists, (DateOnly?)Week), (_charts.Calls[^1].Kind, _charts.Calls[^1].Week)));
    }

    [Fact]
    public async Task Choosing_a_length_puts_it_in_the_address()
    {
        _charts.Next = Task.FromResult(Sample(ChartKind.Tracks));
        var page = RenderSignedIn<ChartsPage>("/charts");
        await Eventually(page, () => Assert.Equal(4, page.FindAll("[data-testid=chart-line]").Count));

        await page.InvokeAsync(() => page.FindComponent<MudSelect<int>>().Instance.ValueChanged.InvokeAsync(10));

        await Eventually(page, () => Assert.Contains("length=10", Navigation.Uri));
        await Eventually(page, () => Assert.Equal(10, _charts.Calls[^1].Length));
    }

    [Fact]
    public async Task Picking_a_day_in_the_week_picker_goes_to_its_week_and_keeps_it_in_the_address()
    {
        _charts.Next = Task.FromResult(Sample(ChartKind.Artists));
        var page = RenderSignedIn<ChartsPage>("/charts?kind=artists&length=10");
        await Eventually(page, () => Assert.Equal(4, page.FindAll("[data-testid=chart-line]").Count));
        var picker = page.FindComponent<MudDatePicker>().Instance;
        // The week shown, as its Monday; weeks from Monday; nothing after the latest week with plays.
        Assert.Equal(new DateTime(2024, 11, 4), picker.Date);
        Assert.Equal(DayOfWeek.Monday, picker.FirstDayOfWeek);
        Assert.Equal(new DateTime(2024, 11, 10), picker.GetState(x => x.MaxDate));

        // Wednesday 16 October 2024, in the week from Monday the 14th.
        await page.InvokeAsync(() => picker.DateChanged.InvokeAsync(new DateTime(2024, 10, 16)));

        await Eventually(page, () => Assert.Equal(
            "http://localhost/charts?kind=artists&length=10&week=2024-10-14", Navigation.Uri));
        await Eventually(page, () => Assert.Equal((ChartKind.Artists, (DateOnly?)new DateOnly(2024, 10, 14), 10),
            (_charts.Calls[^1].Kind, _charts.Calls[^1].Week, _charts.Calls[^1].Length)));
    }

    [Fact]
    public async Task Says_what_to_do_before_there_is_any_chart()
    {
        _charts.Next = Task.FromResult(new WeeklyChart(ChartKind.Tracks, Week, 20, [], null, null, null));

        var page = RenderSignedIn<ChartsPage>("/charts");

        await Eventually(page,
            () => Assert.Contains("Import your Spotify privacy export",
                page.Find("[data-testid=charts-empty]").TextContent));
    }

    [Fact]
    public async Task A_week_without_plays_points_to_the_latest_chart()
    {
        _charts.Next =
            Task.FromResult(
                new WeeklyChart(ChartKind.Tracks, Week.AddDays(-70), 20, [], Week.AddDays(-77), Week, Week));

        var page = RenderSignedIn<ChartsPage>("/charts?week=2024-08-26");

        await Eventually(page,
            () => Assert.Contains("Nothing played this week",
                page.Find("[data-testid=charts-empty-week]").TextContent));
        Assert.Contains("week=2024-11-04", page.Find("[data-testid=charts-empty-week] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Shows_an_error_plainly_and_retries()
    {
        _charts.Next = Task.FromException<WeeklyChart>(new InvalidOperationException("database is locked"));
        var page = RenderSignedIn<ChartsPage>("/charts");
        await Eventually(page,
            () => Assert.Contains("could not be loaded", page.Find("[data-testid=charts-error]").TextContent));
        Assert.DoesNotContain("database is locked", page.Markup);

        _charts.Next = Task.FromResult(Sample(ChartKind.Tracks));
        await page.FindAll("[data-testid=charts-error] button").Single().ClickAsync(new());

        await Eventually(page, () => Assert.Equal(4, page.FindAll("[data-testid=chart-line]").Count));
    }

    /// <summary>Waits for an assertion to hold: the page's answers arrive off the renderer's thread.</summary>
    private static Task Eventually<T>(IRenderedComponent<T> page, Action assertion) where T : IComponent =>
        page.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(5));

    private static WeeklyChart Sample(ChartKind kind)
    {
        RankedItem Item(int position, int id, string name) =>
            new(position, id, name, kind == ChartKind.Tracks ? "Radiohead" : null, null, 1_235 - position, 1_000_000);
        return new WeeklyChart(kind, Week, 20,
            [
                new ChartLine(1, 3, 1, 5, Movement.Up, Item(1, 3, "Idioteque")),
                new ChartLine(2, 1, 1, 8, Movement.Down, Item(2, 4, "Everything in Its Right Place")),
                new ChartLine(3, null, 3, 1, Movement.New, Item(3, 5, "Reckoner")),
                new ChartLine(4, null, 2, 6, Movement.ReEntry, Item(4, 6, "Nude")),
            ],
            PreviousWeek: Week.AddDays(-7), NextWeek: Week.AddDays(7), LatestWeek: Week);
    }

    [Fact]
    public void A_kind_and_a_length_it_cannot_read_are_said_and_left_out_of_the_address()
    {
        _charts.Next = Task.FromResult(Sample(ChartKind.Tracks));

        var page = RenderSignedIn<ChartsPage>("/charts?kind=albums&length=7");

        page.WaitForAssertion(() => Assert.Equal(
            "This page could not use part of its address and left it out: kind=albums: must be tracks or artists; " +
            "length=7: must be one of 10, 20, 50. The address now shows what the page shows.",
            page.Find("[data-testid=address-notice]").TextContent));
        Assert.Equal("http://localhost/charts?kind=tracks&length=20", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal([(UserId, ChartKind.Tracks, null, 20)], _charts.Calls));
    }

    /// <summary>Answers with whatever the test sets in <see cref="Next"/> and records what it was asked.</summary>
    private sealed class FakeChartsService() : ChartsService(null!, TimeProvider.System)
    {
        public Task<WeeklyChart> Next { get; set; } = Task.FromResult<WeeklyChart>(null!);

        public List<(int UserId, ChartKind Kind, DateOnly? Week, int Length)> Calls { get; } = [];

        public override Task<WeeklyChart> GetAsync(int userId, ChartKind kind, DateOnly? week, int length,
            CancellationToken cancellationToken)
        {
            Calls.Add((userId, kind, week, length));
            return Next;
        }
    }
}
