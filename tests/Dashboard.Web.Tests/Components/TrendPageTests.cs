using Bunit;
using Dashboard.Core.Analytics;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TrendPage = Dashboard.Web.Components.Pages.Trend.Trend;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class TrendPageTests : DashboardComponentTest
{

    private static readonly DayRange Range = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3));

    /// <summary>What each dimension splits into in the fake's answers: value, plays, listening time.</summary>
    private static readonly Dictionary<Dimension, (string Value, int Plays, long Ms)[]> Values = new()
    {
        [Dimension.Platform] = [("android", 557, 2_502_000_000), ("windows", 153, 500_000_000),
            ("unknown", 10, 1_000_000)],
        [Dimension.ReasonEnd] = [("trackdone", 502, 2_400_000_000), ("fwdbtn", 40, 3_360_000)],
        [Dimension.Country] = [("DE", 600, 2_000_000_000), ("GB", 120, 400_000_000)],
    };

    private readonly FakeTrendService _trends = new();

    public TrendPageTests() => Services.AddSingleton<TrendService>(_trends);

    [Fact]
    public void Shows_skeletons_while_the_trend_loads()
    {
        _trends.Answer = _ => new TaskCompletionSource<Trend>().Task;

        var page = RenderSignedIn<TrendPage>("/trend");

        Assert.NotNull(page.Find("[data-testid=trend-loading]"));
        Assert.Empty(page.FindAll("[data-testid=trend-totals]"));
    }

    [Fact]
    public void Parts_of_the_address_it_cannot_use_are_said_and_left_out_of_it()
    {
        var page = RenderSignedIn<TrendPage>("/trend?granularity=hour&filter=DE&measure=time");

        page.WaitForAssertion(() => Assert.Equal(
            "This page could not use part of its address and left it out: granularity=hour: must be one of day, " +
            "week, month; filter=DE: a value only with a breakdown. The address now shows what the page shows.",
            page.Find("[data-testid=address-notice]").TextContent));
        Assert.Equal("http://localhost/trend?measure=time&period=month", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal([new TrendQuery(PeriodSelection.Month)], _trends.Queries));
    }

    [Fact]
    public async Task Shows_plays_over_time_at_the_services_default_granularity()
    {
        var page = RenderSignedIn<TrendPage>("/trend");

        await Eventually(page,
            () => Assert.Contains("720 plays", page.Find("[data-testid=trend-summary]").TextContent));
        Assert.Equal([new TrendQuery(PeriodSelection.Month)], _trends.Queries);
        Assert.Equal("Plays per day", page.Find("[data-testid=trend-totals] h2").TextContent);
        Assert.Contains("busiest day: 2 Nov 2026, 400 plays", page.Find("[data-testid=trend-summary]").TextContent);
        Assert.Contains("mud-toggle-item-selected", page.Find("[data-granularity=day]").ClassName);
        // The chart's text alternative has a row per day.
        Assert.Equal(3, page.FindAll("[data-testid=trend-totals] figcaption tbody tr").Count);
        Assert.Contains("Split your listening", page.Find("[data-testid=breakdown-hint]").TextContent);
    }

    [Fact]
    public async Task Reads_every_level_of_the_breakdown_from_the_address()
    {
        var page = RenderSignedIn<TrendPage>(
            "/trend?period=year&granularity=week&breakdown=platform&filter=android" +
            "&breakdown2=reason_end&filter2=fwdbtn");

        await Eventually(page, () => Assert.Equal(3, _trends.Queries.Count));
        Assert.Equal(
            [
                new TrendQuery(PeriodSelection.Year, Granularity.Week, Dimension.Platform, "android",
                Dimension.ReasonEnd, "fwdbtn"),
                // The choices of each "keep only" come from asking without the kept value.
                new TrendQuery(PeriodSelection.Year, Granularity.Week, Dimension.Platform, "android",
                Dimension.ReasonEnd),
                new TrendQuery(PeriodSelection.Year, Granularity.Week, Dimension.Platform),
            ],
            _trends.Queries.OrderByDescending(q => q.Filter2 is not null)
            .ThenByDescending(q => q.Breakdown2 is not null));
        await Eventually(page, () => Assert.Equal(
            ["Platform: Android", "Reason ended: Forward button"],
            page.FindAll("[data-testid=kept-value]").Select(e => e.TextContent.Trim())));
        Assert.Contains("mud-toggle-item-selected", page.Find("[data-granularity=week]").ClassName);
    }

    [Fact]
    public async Task Leaves_out_levels_whose_parent_is_missing()
    {
        var page =
            RenderSignedIn<TrendPage>(
                "/trend?filter=android&breakdown2=reason_end&breakdown=nonsense&granularity=hourly");

        await Eventually(page, () => Assert.Equal([new TrendQuery(PeriodSelection.Month)], _trends.Queries));
    }

    [Fact]
    public async Task Lists_each_value_with_a_readable_name_its_figures_and_a_link_that_keeps_it()
    {
        var page = RenderSignedIn<TrendPage>("/trend?breakdown=platform");

        await Eventually(page, () => Assert.Equal(3, page.FindAll("[data-testid=breakdown-row]").Count));
        var android = page.FindAll("[data-testid=breakdown-row]")[0];
        Assert.Equal("Android", android.QuerySelector("a.value-name")!.TextContent);
        Assert.EndsWith("/trend?breakdown=platform&period=month&filter=android",
            android.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["557", "695 h", "77%", "1 h 14 min"],
            android.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("Unknown", page.FindAll("[data-testid=breakdown-row] a.value-name")[2].TextContent);
        Assert.Contains("stacked by platform", page.Find("[data-testid=trend-breakdown] figcaption").TextContent);
    }

    [Fact]
    public async Task A_kept_value_splits_again_by_the_second_dimension()
    {
        var page = RenderSignedIn<TrendPage>("/trend?breakdown=platform&filter=android&breakdown2=reason_end");

        await Eventually(page, () => Assert.Equal(
            ["Track finished", "Forward button"],
            page.FindAll("[data-testid=breakdown-row] a.value-name").Select(e => e.TextContent)));
        Assert.Contains("filter2=fwdbtn", page.FindAll("[data-testid=breakdown-row] a")[1].GetAttribute("href"));
        Assert.Equal("Reason ended", page.Find("[data-testid=breakdown-table] thead th").TextContent);
    }

    [Fact]
    public async Task A_kept_value_without_a_second_split_says_how_to_split_again()
    {
        var page = RenderSignedIn<TrendPage>("/trend?breakdown=platform&filter=android");

        await Eventually(page,
            () => Assert.Contains("Showing only Android", page.Find("[data-testid=breakdown-hint]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=breakdown-table]"));
    }

    [Fact]
    public async Task Choosing_another_dimension_starts_the_breakdown_over()
    {
        var page = RenderSignedIn<TrendPage>("/trend?breakdown=platform&filter=android&breakdown2=reason_end");
        await Eventually(page, () => Assert.Equal(2, page.FindAll("[data-testid=breakdown-row]").Count));

        await page.InvokeAsync(() =>
            page.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync("country"));

        await Eventually(page, () => Assert.Contains("breakdown=country", Navigation.Uri));
        Assert.DoesNotContain("filter", Navigation.Uri);
        Assert.DoesNotContain("breakdown2", Navigation.Uri);
        await Eventually(page,
            () => Assert.Equal(new TrendQuery(PeriodSelection.Month, Breakdown: Dimension.Country),
                _trends.Queries[^1]));
        await Eventually(page,
            () => Assert.Equal("Germany", page.Find("[data-testid=breakdown-row] a.value-name").TextContent));
    }

    [Fact]
    public async Task Keeping_a_value_from_the_select_puts_it_in_the_address()
    {
        var page = RenderSignedIn<TrendPage>("/trend?breakdown=platform");
        await Eventually(page, () => Assert.Equal(3, page.FindAll("[data-testid=breakdown-row]").Count));

        await page.InvokeAsync(() =>
            page.FindComponents<MudSelect<string>>()[1].Instance.ValueChanged.InvokeAsync("windows"));

        await Eventually(page, () => Assert.Contains("filter=windows", Navigation.Uri));
        await Eventually(page,
            () => Assert.Contains("Platform: Windows", page.Find("[data-testid=kept-value]").TextContent));
    }

    [Fact]
    public async Task Choosing_a_granularity_puts_it_in_the_address_and_loads_it()
    {
        var page = RenderSignedIn<TrendPage>("/trend?breakdown=platform");
        await Eventually(page, () => Assert.Equal(3, page.FindAll("[data-testid=breakdown-row]").Count));

        await page.Find("[data-granularity=month]").ClickAsync(new());

        await Eventually(page, () => Assert.Contains("granularity=month", Navigation.Uri));
        await Eventually(page,
            () => Assert.Equal(new TrendQuery(PeriodSelection.Month, Granularity.Month, Dimension.Platform),
                _trends.Queries[^1]));
    }

    [Fact]
    public async Task Choosing_a_period_keeps_the_breakdown()
    {
        var page = RenderSignedIn<TrendPage>("/trend?breakdown=platform");
        await Eventually(page, () => Assert.Equal(3, page.FindAll("[data-testid=breakdown-row]").Count));

        await page.Find("[data-period=year]").ClickAsync(new());

        await Eventually(page, () => Assert.Contains("period=year", Navigation.Uri));
        await Eventually(page,
            () => Assert.Equal(new TrendQuery(PeriodSelection.Year, Breakdown: Dimension.Platform),
                _trends.Queries[^1]));
    }

    [Fact]
    public async Task Switching_to_listening_time_redraws_the_same_figures()
    {
        var page = RenderSignedIn<TrendPage>("/trend");
        await Eventually(page, () => Assert.NotNull(page.Find("[data-testid=trend-summary]")));

        await page.Find("[data-measure=time]").ClickAsync(new());

        await Eventually(page, () => Assert.Contains("measure=time", Navigation.Uri));
        await Eventually(page,
            () => Assert.Equal("Listening time per day", page.Find("[data-testid=trend-totals] h2").TextContent));
        Assert.Single(_trends.Queries);
    }

    [Fact]
    public async Task Taking_a_kept_value_away_shows_every_value_again()
    {
        var page = RenderSignedIn<TrendPage>("/trend?breakdown=platform&filter=android&breakdown2=reason_end");
        await Eventually(page, () => Assert.Equal(2, page.FindAll("[data-testid=breakdown-row]").Count));

        await page.Find("[data-testid=kept-value] .mud-chip-close-button").ClickAsync(new());

        await Eventually(page, () => Assert.DoesNotContain("filter", Navigation.Uri));
        Assert.DoesNotContain("breakdown2", Navigation.Uri);
        Assert.Contains("breakdown=platform", Navigation.Uri);
    }

    [Fact]
    public async Task Says_what_to_do_when_nothing_was_played()
    {
        _trends.Answer = query =>
            Task.FromResult(Sample(query) with { Points = [new TrendPoint("2026-11-01", Range.From, 0, 0)] });

        var page = RenderSignedIn<TrendPage>("/trend?period=all_time");

        await Eventually(page,
            () => Assert.Contains("Import your Spotify privacy export",
                page.Find("[data-testid=trend-empty]").TextContent));
        Assert.Equal("/imports", page.Find("[data-testid=trend-empty] a").GetAttribute("href"));
    }

    [Fact]
    public async Task When_no_play_has_the_kept_value_offers_every_play_again()
    {
        _trends.Answer = query => Task.FromResult(query.Filter is null
            ? Sample(query)
            : Sample(query) with { Points = [new TrendPoint("2026-11-01", Range.From, 0, 0)] });

        var page = RenderSignedIn<TrendPage>("/trend?breakdown=platform&filter=cast");

        await Eventually(page,
            () => Assert.Contains("match the values you kept", page.Find("[data-testid=trend-empty]").TextContent));
        Assert.DoesNotContain("filter", page.Find("[data-testid=trend-empty] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Shows_an_error_plainly_and_retries()
    {
        _trends.Answer = _ => Task.FromException<Trend>(new InvalidOperationException("database is locked"));
        var page = RenderSignedIn<TrendPage>("/trend");
        await Eventually(page,
            () => Assert.Contains("could not be loaded", page.Find("[data-testid=trend-error]").TextContent));
        Assert.DoesNotContain("database is locked", page.Markup);

        _trends.Answer = query => Task.FromResult(Sample(query));
        await page.FindAll("[data-testid=trend-error] button").Single().ClickAsync(new());

        await Eventually(page,
            () => Assert.Contains("720 plays", page.Find("[data-testid=trend-summary]").TextContent));
    }

    [Fact]
    public async Task Weeks_only_partly_in_the_period_are_lighter_and_say_how_many_of_their_days_it_holds()
    {
        // Wednesday 7 to Tuesday 27 October: five days of the first week, two of the last.
        var range = new DayRange(new DateOnly(2026, 10, 7), new DateOnly(2026, 10, 27));
        var query = new TrendQuery(PeriodSelection.Between(range.From, range.To), Granularity.Week);
        var mondays = new[] { 5, 12, 19, 26 }.Select(day => new DateOnly(2026, 10, day)).ToList();
        _trends.Answer = _ => Task.FromResult(new Trend(query, range, Granularity.Week,
            [.. mondays.Select((monday, i) => new TrendPoint($"W{i}", monday, 10 * (i + 1), 60_000))], null, [], []));

        var page = RenderSignedIn<TrendPage>("/trend?period=custom&from=2026-10-07&to=2026-10-27&granularity=week");

        await Eventually(page, () => Assert.Equal(
            "The first week (5 Oct – 11 Oct 2026) has only 5 of its 7 days in this period, and the last " +
            "(26 Oct – 1 Nov 2026) only 2: their bars are lighter.",
            page.Find("[data-testid=trend-partial]").TextContent));
        var totals = page.FindComponents<Dashboard.Web.Components.Graphs.Graph>()
            .Single(g => g.Instance.Label.StartsWith("Plays per week", StringComparison.Ordinal)).Instance.Options;
        var points = ((IEnumerable<Dashboard.Web.Components.Graphs.GraphSeries>)totals.Series).Single().Data;
        Assert.Equal([true, false, false, true], points.Select(p => p.FillColor is not null));
        Assert.Equal(["5 of 7 days in this period", null, null, "2 of 7 days in this period"], totals.Dashboard!.Notes);
        Assert.Contains("5 of 7 days in this period",
            page.FindAll("[data-testid=trend-totals] figcaption tbody tr")[0].TextContent);
    }

    /// <summary>Waits for an assertion to hold: the page's answers arrive off the renderer's thread.</summary>
    private static Task Eventually<T>(IRenderedComponent<T> page, Action assertion) where T : IComponent =>
        page.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(5));

    /// <summary>Three days of plays, split as the service would split them for <paramref name="query"/>.</summary>
    private static Trend Sample(TrendQuery query)
    {
        var granularity = query.Granularity ?? Granularity.Day;
        var points = new List<TrendPoint>
        {
            new("2026-11-01", Range.From, 200, 700_000_000),
            new("2026-11-02", Range.From.AddDays(1), 400, 1_500_000_000),
            new("2026-11-03", Range.To, 120, 803_000_000),
        };
        var splitBy = query.Filter is null ? query.Breakdown : query.Breakdown2;
        if (splitBy is not { } split)
        {
            return new Trend(query, Range, granularity, points, null, [], []);
        }
        var values = Values[split].Where(v => query.Filter2 is null || query.Filter is null || v.Value == query.Filter2)
            .ToList();
        var total = values.Sum(v => v.Plays);
        var table = values.Select(v =>
            new BreakdownRow(v.Value, v.Plays, v.Ms, (double)v.Plays / total, v.Ms / v.Plays)).ToList();
        var series = values.Select(v => new TrendSeries(v.Value,
            points.Select(p =>
            p with { Plays = p.Plays * v.Plays / total, ListeningMs = p.ListeningMs * v.Plays / total }).ToList()))
            .ToList();
        return new Trend(query, Range, granularity, points, split, series, table);
    }

    /// <summary>Answers through <see cref="Answer"/> and records what it was asked.</summary>
    private sealed class FakeTrendService() : TrendService(null!, TimeProvider.System)
    {
        public Func<TrendQuery, Task<Trend>> Answer { get; set; } = query => Task.FromResult(Sample(query));

        public List<TrendQuery> Queries { get; } = [];

        public override Task<Trend> GetAsync(int userId, TrendQuery query, CancellationToken cancellationToken)
        {
            Assert.Equal(UserId, userId);
            lock (Queries)
            {
                Queries.Add(query);
            }
            return Answer(query);
        }
    }
}
