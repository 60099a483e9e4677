using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The Charts page as JSON: a personal weekly chart, Monday to Sunday on your clock.</summary>
public static class ChartEndpoints
{
    public static IEndpointRouteBuilder MapChartEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/charts/weekly",
            async (ChartParameters parameters, HttpContext context, ChartsService charts,
                CancellationToken cancellationToken) =>
            {
                var chart = await charts.GetAsync(context.User.UserId()!.Value, parameters.Kind, parameters.Week,
                    parameters.Length, cancellationToken);
                return Results.Ok(WeeklyChartResponse.Of(chart));
            })
            .RequireAuthorization()
            .WithTags("Charts")
            .WithSummary("Your weekly chart of tracks or artists, with last week's position, peak and weeks on chart.")
            .Produces<WeeklyChartResponse>();
        return app;
    }
}

/// <summary>Which weekly chart: the week, what it ranks and how many places it has.</summary>
public sealed record ChartParameters : QueryParameters<ChartParameters>
{
    [System.ComponentModel.Description("Any day of the week wanted (by default the latest week with plays).")]
    public DateOnly? Week { get; init; }

    [System.ComponentModel.Description("What the chart ranks.")]
    public ChartKind Kind { get; init; } = ChartKind.Tracks;

    [System.ComponentModel.Description("How many places the chart has: what \"on the chart\" means.")]
    [System.ComponentModel.DataAnnotations.Range(1, RollupService.ChartSize)]
    public int Length { get; init; } = ChartsService.DefaultLength;
}

/// <summary>A place in the chart; <c>previous_position</c> is null when it was not on last week's chart.</summary>
public sealed record ChartLineResponse(
    int Position,
    int? PreviousPosition,
    int Peak,
    int WeeksOnChart,
    Movement Movement,
    int Id,
    string? SpotifyId,
    string Name,
    [property: System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? ArtistName,
    string? ImageUrl,
    int PlayCount,
    long MsPlayed);

/// <summary>A weekly chart, with the weeks before and after that have one, for paging.</summary>
public sealed record WeeklyChartResponse(
    string Kind,
    DateOnly WeekStart,
    DateOnly WeekEnd,
    int Length,
    DateOnly? PreviousWeek,
    DateOnly? NextWeek,
    DateOnly? LatestWeek,
    IReadOnlyList<ChartLineResponse> Items)
{
    public static WeeklyChartResponse Of(WeeklyChart chart) => new(
        chart.Kind == ChartKind.Artists ? "artists" : "tracks", chart.WeekStart, chart.WeekEnd, chart.Length,
        chart.PreviousWeek, chart.NextWeek, chart.LatestWeek,
        [.. chart.Lines.Select(l =>
        new ChartLineResponse(l.Position, l.PreviousPosition, l.Peak, l.WeeksOnChart, l.Movement,
            l.Item.Id, l.Item.SpotifyId, l.Item.Name, chart.Kind == ChartKind.Artists ? null : l.Item.Detail,
            l.Item.ImageUrl, l.Item.Plays, l.Item.ListeningMs))]);
}
