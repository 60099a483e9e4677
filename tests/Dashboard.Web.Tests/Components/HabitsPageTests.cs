using Bunit;
using Dashboard.Core.Analytics;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using HabitsPage = Dashboard.Web.Components.Pages.Habits.Habits;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class HabitsPageTests : DashboardComponentTest
{
    private readonly FakeHabitsService _habits = new();

    public HabitsPageTests() => Services.AddSingleton<HabitsService>(_habits);

    [Fact]
    public void Shows_skeletons_while_the_figures_load()
    {
        _habits.Next = new TaskCompletionSource<Habits>().Task;

        var page = RenderSignedIn<HabitsPage>("/habits");

        Assert.NotNull(page.Find("[data-testid=habits-loading]"));
        Assert.Empty(page.FindAll("[data-testid=stat-sessions]"));
    }

    [Fact]
    public async Task Shows_sessions_skips_and_the_longest_sessions()
    {
        _habits.Next = Task.FromResult(Sample(PeriodSelection.Month));

        var page = RenderSignedIn<HabitsPage>("/habits");

        await Eventually(page,
            () => Assert.Equal("42", page.Find("[data-testid=stat-sessions] .stat-card-value").TextContent));
        Assert.Equal([(UserId, PeriodSelection.Month)], _habits.Calls);
        Assert.Equal("14 a day", page.Find("[data-testid=stat-sessions] .mud-typography-caption").TextContent);
        Assert.Equal("35 min 20 s", page.Find("[data-testid=stat-average] .stat-card-value").TextContent);
        Assert.Equal("3 h 5 min", page.Find("[data-testid=stat-longest] .stat-card-value").TextContent);
        Assert.Contains("Sat 21 Nov 2026, 16:17", page.Find("[data-testid=stat-longest]").TextContent);
        Assert.Equal("25%", page.Find("[data-testid=stat-skip-rate] .stat-card-value").TextContent);
        Assert.Contains("250 of 1,000 plays", page.Find("[data-testid=stat-skip-rate]").TextContent);
        Assert.Contains("10 minutes without listening", page.Find("[data-testid=habits-note]").TextContent);

        var sessions = page.FindAll("[data-testid=session-row]");
        Assert.Equal(2, sessions.Count);
        Assert.Equal(["Sat 21 Nov 2026, 16:17", "3 h 5 min", "47", "6"],
            sessions[0].Children.Select(cell => cell.TextContent.Trim()));
    }

    [Fact]
    public async Task Skip_rates_per_artist_have_a_table_for_screen_readers()
    {
        _habits.Next = Task.FromResult(Sample(PeriodSelection.Month));

        var page = RenderSignedIn<HabitsPage>("/habits");

        await Eventually(page,
            () => Assert.Contains("Most skipped: Björk, 40%", page.Find("[data-testid=artist-skips]").TextContent));
        var rows = page.FindAll("[data-testid=artist-skips] figcaption tbody tr");
        Assert.Equal(["Radiohead", "Björk"], rows.Select(r => r.Children[0].TextContent));
        Assert.Equal(["Björk", "50", "20", "40%"], rows[1].Children.Select(c => c.TextContent));
    }

    [Fact]
    public async Task Reads_the_period_from_the_address()
    {
        _habits.Next = Task.FromResult(Sample(PeriodSelection.Year));

        var page = RenderSignedIn<HabitsPage>("/habits?period=year");

        await Eventually(page, () => Assert.Equal([(UserId, PeriodSelection.Year)], _habits.Calls));
        await Eventually(page,
            () => Assert.StartsWith("Last 365 days · 1 Nov – 3 Nov 2026",
                page.Find("[data-testid=period-range]").TextContent));
    }

    [Fact]
    public async Task Choosing_a_period_puts_it_in_the_address_and_loads_it()
    {
        _habits.Next = Task.FromResult(Sample(PeriodSelection.Month));
        var page = RenderSignedIn<HabitsPage>("/habits");
        await Eventually(page,
            () => Assert.Equal("42", page.Find("[data-testid=stat-sessions] .stat-card-value").TextContent));

        _habits.Next = Task.FromResult(Sample(PeriodSelection.Week));
        await page.Find("[data-period=week]").ClickAsync(new());

        await Eventually(page, () => Assert.EndsWith("/habits?period=week", Navigation.Uri));
        await Eventually(page, () => Assert.Equal(PeriodSelection.Week, _habits.Calls[^1].Period));
    }

    [Fact]
    public async Task Says_what_to_do_when_nothing_was_played()
    {
        _habits.Next =
            Task.FromResult(
                new Habits(PeriodSelection.AllTime, new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1)),
            0, TimeSpan.Zero, [], 0, 0, []));

        var page = RenderSignedIn<HabitsPage>("/habits?period=all_time");

        await Eventually(page,
            () => Assert.Contains("Import your Spotify privacy export",
                page.Find("[data-testid=habits-empty]").TextContent));
    }

    [Fact]
    public async Task Shows_an_error_plainly_and_retries()
    {
        _habits.Next = Task.FromException<Habits>(new InvalidOperationException("database is locked"));
        var page = RenderSignedIn<HabitsPage>("/habits");
        await Eventually(page,
            () => Assert.Contains("could not be loaded", page.Find("[data-testid=habits-error]").TextContent));
        Assert.DoesNotContain("database is locked", page.Markup);

        _habits.Next = Task.FromResult(Sample(PeriodSelection.Month));
        await page.FindAll("[data-testid=habits-error] button").Single().ClickAsync(new());

        await Eventually(page,
            () => Assert.Equal("42", page.Find("[data-testid=stat-sessions] .stat-card-value").TextContent));
    }

    /// <summary>Waits for an assertion to hold: the page's answers arrive off the renderer's thread.</summary>
    private static Task Eventually<T>(IRenderedComponent<T> page, Action assertion) where T : IComponent =>
        page.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(5));

    private static Habits Sample(PeriodSelection selection)
    {
        var start = new DateTime(2026, 11, 21, 15, 17, 0, DateTimeKind.Utc);
        return new Habits(selection, new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3)),
            Sessions: 42,
            AverageSession: TimeSpan.FromSeconds(35 * 60 + 20),
            LongestSessions:
            [
                new SessionInfo(start, start.AddMinutes(185), start.AddHours(1), 47, 10_000_000, 6),
                new SessionInfo(start.AddDays(-2), start.AddDays(-2).AddMinutes(90), start.AddDays(-2).AddHours(1), 20,
                5_000_000, 1),
            ],
            AllPlays: 1_000,
            Skips: 250,
            ArtistSkips: [new ArtistSkips(1, "Radiohead", 90, 9), new ArtistSkips(2, "Björk", 50, 20)]);
    }

    [Fact]
    public void A_day_that_does_not_exist_is_said_and_the_address_shows_the_period_shown()
    {
        _habits.Next = Task.FromResult(Sample(PeriodSelection.Month));

        var page = RenderSignedIn<HabitsPage>("/habits?period=custom&from=2025-02-30&to=2025-03-01");

        page.WaitForAssertion(() => Assert.Contains("from=2025-02-30: must be a date as yyyy-MM-dd",
            page.Find("[data-testid=address-notice]").TextContent));
        Assert.Equal("http://localhost/habits?period=month", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal([(UserId, PeriodSelection.Month)], _habits.Calls));
    }

    /// <summary>Answers with whatever the test sets in <see cref="Next"/> and records what it was asked.</summary>
    private sealed class FakeHabitsService() : HabitsService(null!, TimeProvider.System)
    {
        public Task<Habits> Next { get; set; } = Task.FromResult<Habits>(null!);

        public List<(int UserId, PeriodSelection Period)> Calls { get; } = [];

        public override Task<Habits> GetAsync(int userId, PeriodSelection selection,
            CancellationToken cancellationToken)
        {
            Calls.Add((userId, selection));
            return Next;
        }
    }
}
