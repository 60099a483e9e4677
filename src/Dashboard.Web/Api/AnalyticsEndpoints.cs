using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;

namespace Dashboard.Web.Api;

/// <summary>The Overview and Trend pages as JSON, and the state of the rollups behind them.</summary>
public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/v1/analytics").RequireAuthorization().WithTags("Analytics");

        analytics.MapGet("/overview",
            async (PeriodParameters period, HttpContext context, OverviewService overview, GenresService genres,
                TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var userId = context.User.UserId()!.Value;
                var result = await overview.GetAsync(userId, period.Selection, cancellationToken);
                var distribution = await genres.GetAsync(userId, period.Selection, cancellationToken);
                return Results.Ok(OverviewResponse.Of(result, distribution, clock.GetUtcNow()));
            })
            .WithSummary(
                "The Overview page: headline figures, streaks, top five tracks, artists, albums and genres, " +
                "and when you listen.")
            .Produces<OverviewResponse>();

        analytics.MapGet("/trend",
            async (PeriodParameters period, TrendParameters trendParameters, HttpContext context, TrendService trends,
                CancellationToken cancellationToken) =>
            {
                try
                {
                    var trend = await trends.GetAsync(context.User.UserId()!.Value,
                        trendParameters.Query(period.Selection), cancellationToken);
                    return Results.Ok(TrendResponse.Of(trend));
                }
                catch (GranularityTooFineException e)
                {
                    return ApiResults.Unprocessable(["query", "granularity"], $"value {e.Message}",
                        "value_error.granularity.too_fine");
                }
            })
            .WithSummary(
                "The Trend page: plays and time per day, week or month, " +
                "optionally broken down by up to two dimensions. " +
                         $"Series are the {TrendService.MaxSeries} values with the most plays (the rest is the " +
                         "difference with points), " +
                         $"the breakdown table the {TrendService.MaxTableRows} with the most. " +
                         "A granularity too fine for the range " +
                         $"(days cover at most {Days(Granularity.Day)} days, weeks at most {Days(Granularity.Week)}) " +
                         "is a 422 naming the one to use.")
            .Produces<TrendResponse>();

        analytics.MapGet("/rollup-status",
            async (HttpContext context, RollupService rollups, RollupBuilds builds,
                CancellationToken cancellationToken) =>
            {
                var userId = context.User.UserId()!.Value;
                var status = await rollups.GetStatusAsync(userId, cancellationToken);
                return Results.Ok(
                    RollupStatusResponse.Of(status, await builds.IsPendingAsync(userId, cancellationToken)));
            })
            .WithSummary("How far the daily rollups cover your plays, and whether a rebuild is under way.")
            .Produces<RollupStatusResponse>();

        analytics.MapPost("/rollup-build",
            async (HttpContext context, RollupBuilds builds, CancellationToken cancellationToken) =>
                await builds.StartAsync(context.User.UserId()!.Value, cancellationToken)
                    ? Results.Json(new RollupBuildResponse("started", "Rebuilding your rollups from your plays"),
                        statusCode: StatusCodes.Status202Accepted)
                    : Results.Json(new RollupBuildResponse("already_running", "A rollup build is already running"),
                        statusCode: StatusCodes.Status409Conflict))
            .RequireAntiforgeryForCookies()
            .WithSummary(
                "Rebuilds every rollup from your plays in the background. " +
                "Needs the page's antiforgery token with a cookie session.")
            .Produces<RollupBuildResponse>(StatusCodes.Status202Accepted)
            .Produces<RollupBuildResponse>(StatusCodes.Status409Conflict);

        return app;
    }

    private static string Days(Granularity granularity) =>
        TrendService.LongestRange(granularity)!.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The headline figures of a range, under the names API clients already read.</summary>
public sealed record HeadlineResponse(
    int TotalTracksPlayed,
    long TotalMsPlayed,
    double TotalHours,
    int UniqueTracks,
    int UniqueArtists,
    int UniqueAlbums,
    int ListeningDays,
    double PlaysPerDay)
{
    public static HeadlineResponse Of(Headline headline) =>
        new(headline.Plays, headline.ListeningMs, Hours(headline.ListeningMs),
        headline.UniqueTracks, headline.UniqueArtists, headline.UniqueAlbums, headline.ListeningDays,
        headline.PlaysPerDay);

    public static double Hours(long ms) => Math.Round(ms / 3_600_000.0, 1);
}

/// <summary>
/// A place in a top list. <c>id</c> is the dashboard's, as <c>/tracks/{id}</c> and the others take it;
/// <c>spotify_id</c>
/// is Spotify's, null until a look-up has found it (an export names artists and albums without ids).
/// </summary>
public sealed record RankedItemResponse(
    int Rank,
    int Id,
    string? SpotifyId,
    string Name,
    [property: System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? ArtistName,
    string? ImageUrl,
    int PlayCount,
    long MsPlayed)
{
    /// <param name="withArtist">Tracks and albums name their artist; artists do not.</param>
    public static RankedItemResponse Of(RankedItem item, bool withArtist) =>
        new(item.Rank, item.Id, item.SpotifyId, item.Name, withArtist ? item.Detail : null, item.ImageUrl, item.Plays,
            item.ListeningMs);
}

/// <summary>A genre's place: plays of tracks by its artists, as <c>/genres/distribution</c> counts them.</summary>
public sealed record GenreRankResponse(string Name, int PlayCount, int Rank);

public sealed record HourPlays(int Hour, int Plays);

public sealed record WeekdayPlays(string Day, int Plays);

public sealed record DayPlays(DateOnly Date, int Plays, long MsPlayed);

public sealed record ContentPlays(ContentType ContentType, int Plays, long MsPlayed);

/// <summary>
/// The Overview page. Figures count the plays that count under your play-count rule, on local days in your time zone;
/// <c>previous</c> is the period of equal length just before (null for all time). <c>listening_streak_days</c> is the
/// current streak, or for a period that ended before today the streak on <c>listening_streak_on</c>, its last day
/// (null for the current streak).
/// </summary>
public sealed record OverviewResponse(
    string Period,
    DateOnly From,
    DateOnly To,
    int TotalTracksPlayed,
    long TotalMsPlayed,
    double TotalHours,
    int UniqueTracks,
    int UniqueArtists,
    int UniqueAlbums,
    int UniqueGenres,
    int ListeningDays,
    double PlaysPerDay,
    int ListeningStreakDays,
    DateOnly? ListeningStreakOn,
    int LongestStreakDays,
    HeadlineResponse? Previous,
    IReadOnlyList<RankedItemResponse> TopArtists,
    IReadOnlyList<RankedItemResponse> TopTracks,
    IReadOnlyList<RankedItemResponse> TopAlbums,
    IReadOnlyList<GenreRankResponse> TopGenres,
    IReadOnlyList<HourPlays> HourlyDistribution,
    IReadOnlyList<WeekdayPlays> DailyDistribution,
    IReadOnlyList<DayPlays> PlaysPerDayOfPeriod,
    IReadOnlyList<ContentPlays> Content,
    DateTimeOffset ComputedAt)
{
    public const int TopGenreCount = 5;

    public static OverviewResponse Of(ListeningOverview overview, GenreDistribution genres, DateTimeOffset now)
    {
        var current = overview.Current;
        return new OverviewResponse(
            overview.Selection.Period.Key(), overview.Range.From, overview.Range.To,
            current.Plays, current.ListeningMs, HeadlineResponse.Hours(current.ListeningMs),
            current.UniqueTracks, current.UniqueArtists, current.UniqueAlbums, genres.Genres.Count,
            current.ListeningDays, current.PlaysPerDay,
            overview.Streaks.Current, overview.Streaks.AsOf, overview.Streaks.Longest,
            overview.Previous is { } previous ? HeadlineResponse.Of(previous) : null,
            [.. overview.TopArtists.Select(i => RankedItemResponse.Of(i, withArtist: false))],
            [.. overview.TopTracks.Select(i => RankedItemResponse.Of(i, withArtist: true))],
            [.. overview.TopAlbums.Select(i => RankedItemResponse.Of(i, withArtist: true))],
            [.. genres.Genres.Take(TopGenreCount)
            .Select((g, index) => new GenreRankResponse(g.Name, g.Plays, index + 1))],
            [.. overview.Hourly.Select((plays, hour) => new HourPlays(hour, plays))],
            [.. overview.Weekdays.Select((plays, index) => new WeekdayPlays(Figures.WeekdayName(index + 1), plays))],
            [.. overview.PlaysPerDay.Select(d => new DayPlays(d.Date, d.Plays, d.ListeningMs))],
            [.. overview.Content.Select(c => new ContentPlays(c.ContentType, c.Plays, c.ListeningMs))],
            now);
    }
}

/// <summary>
/// One bucket of a trend, labelled by its day, ISO week or month (<c>2025-01-15</c>, <c>2025-W03</c>, <c>2025-01</c>).
/// </summary>
/// <summary>
/// One bucket. <c>days</c> is how many of its days the period holds; <c>partial</c> says the period cuts it (a first or
/// last week or month), so its figures cover only those days.
/// </summary>
public sealed record TrendPointResponse(string Label, DateOnly Start, int Plays, long Ms, double Hours, int Days,
    bool Partial)
{
    public static TrendPointResponse Of(Trend trend, TrendPoint point) =>
        new(point.Label, point.Start, point.Plays, point.ListeningMs, HeadlineResponse.Hours(point.ListeningMs),
            trend.DaysInRange(point), trend.IsPartial(point));
}

public sealed record TrendSeriesResponse(string Value, IReadOnlyList<TrendPointResponse> Points);

/// <summary>One value's share of the period, as the Trend page's table shows it.</summary>
public sealed record BreakdownRowResponse(string Value, int Plays, long Ms, double Hours, double Share,
    long AveragePlayMs);

/// <summary>
/// The Trend page. <c>granularity</c> is the label format, as strftime writes it (<c>%Y-%m-%d</c>, <c>%G-W%V</c>,
/// <c>%Y-%m</c>);
/// <c>bucket</c> names it. With a breakdown, <c>split_by</c> is the dimension the series and the table are split by.
/// </summary>
public sealed record TrendResponse(
    string Period,
    DateOnly From,
    DateOnly To,
    string Granularity,
    string Bucket,
    IReadOnlyList<TrendPointResponse> Points,
    string? BreakdownDimension,
    string? BreakdownFilterByValue,
    string? Breakdown2Dimension,
    string? Breakdown2FilterByValue,
    string? SplitBy,
    IReadOnlyList<TrendSeriesResponse> Series,
    IReadOnlyList<BreakdownRowResponse> Breakdown)
{
    public static TrendResponse Of(Trend trend) => new(
        trend.Query.Selection.Period.Key(), trend.Range.From, trend.Range.To,
        Format(trend.Granularity), TrendService.Key(trend.Granularity),
        [.. trend.Points.Select(p => TrendPointResponse.Of(trend, p))],
        trend.Query.Breakdown?.Key(), trend.Query.Filter, trend.Query.Breakdown2?.Key(), trend.Query.Filter2,
        trend.SplitBy?.Key(),
        [.. trend.Series.Select(s =>
            new TrendSeriesResponse(s.Value, [.. s.Points.Select(p => TrendPointResponse.Of(trend, p))]))],
        [.. trend.Table.Select(r =>
        new BreakdownRowResponse(r.Value, r.Plays, r.ListeningMs, HeadlineResponse.Hours(r.ListeningMs),
            Math.Round(r.Share, 4), r.AveragePlayMs))]);

    private static string Format(Granularity granularity) => granularity switch
    {
        Core.Analytics.Granularity.Day => "%Y-%m-%d",
        Core.Analytics.Granularity.Week => "%G-W%V",
        _ => "%Y-%m",
    };
}

/// <summary>
/// What the daily rollups cover: <c>coverage</c> is the percentage of the days you played that have their rollup, and
/// <c>complete</c> says all of them do. Charts and sessions are rebuilt by the job that changes the plays.
/// </summary>
public sealed record RollupStatusResponse(
    DateOnly? LastDate,
    int TotalDays,
    int DaysWithPlays,
    bool Complete,
    double Coverage,
    bool ChartsCurrent,
    bool SessionsCurrent,
    bool Building)
{
    public static RollupStatusResponse Of(RollupStatus status, bool building) =>
        new(status.LastDate, status.Days, status.DaysWithPlays,
        status.Complete, status.Coverage, status.ChartsCurrent, status.SessionsCurrent, building);
}

public sealed record RollupBuildResponse(string Status, string Message);
