using Bunit;
using Dashboard.Core.Analytics;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OverviewPage = Dashboard.Web.Components.Pages.Overview.Overview;

namespace Dashboard.Web.Tests.Components;

public sealed class OverviewPageTests : DashboardComponentTest
{
    private readonly FakeOverviewService _overviews = new();

    public OverviewPageTests() => Services.AddSingleton<OverviewService>(_overviews);

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
        _overviews.Next = Task.FromResult(Sample(Period.Month));

        var page = RenderSignedIn<OverviewPage>();

        page.WaitForAssertion(() => Assert.Equal("12,345", page.Find("[data-testid=stat-plays] .stat-card-value").TextContent));
        Assert.Equal("823 h", page.Find("[data-testid=stat-time] .stat-card-value").TextContent);
        Assert.Equal("1,024", page.Find("[data-testid=stat-tracks] .stat-card-value").TextContent);
        Assert.Equal("256", page.Find("[data-testid=stat-artists] .stat-card-value").TextContent);
        Assert.Equal(["Radiohead", "Björk"], page.FindAll("[data-testid=top-artists] .top-list-name").Select(e => e.TextContent));
        Assert.Equal(["Idioteque"], page.FindAll("[data-testid=top-tracks] .top-list-name").Select(e => e.TextContent));
        Assert.Contains("Busiest day: 2 Nov 2026, 40 plays", page.Find("[data-testid=plays-per-day]").TextContent);
        Assert.Equal([(UserId, Period.Month)], _overviews.Calls);
    }

    [Fact]
    public void Reads_the_period_from_the_address()
    {
        _overviews.Next = Task.FromResult(Sample(Period.Year));

        var page = RenderSignedIn<OverviewPage>("/?period=year");

        page.WaitForAssertion(() => Assert.Equal([(UserId, Period.Year)], _overviews.Calls));
        Assert.StartsWith("Last 365 days", page.Find("[data-testid=period-range]").TextContent);
    }

    [Fact]
    public void Choosing_a_period_puts_it_in_the_address_and_loads_it()
    {
        _overviews.Next = Task.FromResult(Sample(Period.Month));
        var page = RenderSignedIn<OverviewPage>();
        page.WaitForAssertion(() => Assert.Single(_overviews.Calls));

        _overviews.Next = Task.FromResult(Sample(Period.Quarter));
        page.Find("[data-period=quarter]").Click();

        Assert.EndsWith("?period=quarter", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(Period.Quarter, _overviews.Calls[^1].Period));
    }

    [Fact]
    public void Says_what_to_do_when_nothing_was_played()
    {
        _overviews.Next = Task.FromResult(Sample(Period.AllTime) with { Plays = 0, TopArtists = [], TopTracks = [] });

        var page = RenderSignedIn<OverviewPage>("/?period=all_time");

        page.WaitForAssertion(() => Assert.Contains("Import your Spotify privacy export", page.Find("[data-testid=overview-empty]").TextContent));
    }

    [Fact]
    public void Shows_an_error_plainly_and_retries()
    {
        _overviews.Next = Task.FromException<ListeningOverview>(new InvalidOperationException("database is locked"));
        var page = RenderSignedIn<OverviewPage>();
        page.WaitForAssertion(() => Assert.Contains("could not be loaded", page.Find("[data-testid=overview-error]").TextContent));
        Assert.DoesNotContain("database is locked", page.Markup);

        _overviews.Next = Task.FromResult(Sample(Period.Month));
        page.FindAll("[data-testid=overview-error] button").Single().Click();

        page.WaitForAssertion(() => Assert.Equal("12,345", page.Find("[data-testid=stat-plays] .stat-card-value").TextContent));
    }

    private static ListeningOverview Sample(Period period)
    {
        var range = new DateRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3));
        return new ListeningOverview(
            period,
            range,
            Plays: 12_345,
            ListeningMs: 823L * 3_600_000,
            UniqueTracks: 1_024,
            UniqueArtists: 256,
            TopTracks: [new RankedItem(1, 3, "Idioteque", "Radiohead", null, 40, 12_000_000)],
            TopArtists: [new RankedItem(1, 1, "Radiohead", null, null, 90, 20_000_000), new RankedItem(2, 2, "Björk", null, null, 50, 10_000_000)],
            PlaysPerDay: [new DayTotal(range.From, 10, 1), new DayTotal(range.From.AddDays(1), 40, 1), new DayTotal(range.To, 0, 0)]);
    }

    /// <summary>Answers with whatever the test sets in <see cref="Next"/> and records what it was asked.</summary>
    private sealed class FakeOverviewService() : OverviewService(null!, TimeProvider.System)
    {
        public Task<ListeningOverview> Next { get; set; } = Task.FromResult<ListeningOverview>(null!);

        public List<(int UserId, Period Period)> Calls { get; } = [];

        public override Task<ListeningOverview> GetAsync(int userId, Period period, CancellationToken cancellationToken)
        {
            Calls.Add((userId, period));
            return Next;
        }
    }
}
