using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The Charts page as JSON: a personal weekly chart, Monday to Sunday on your clock.</summary>
public static class ChartEndpoints
{
    private static readonly IReadOnlyList<string> Kinds = ["tracks", "artists"];

    public static IEndpointRouteBuilder MapChartEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/charts/weekly", async (HttpContext context, ChartsService charts, CancellationToken cancellationToken) =>
            {
                var query = new QueryReader(context.Request.Query);
                var week = query.Date("week");
                var kind = query.OneOf("kind", Kinds) == "artists" ? ChartKind.Artists : ChartKind.Tracks;
                var length = query.Int("length", ChartsService.DefaultLength, 1, RollupService.ChartSize);
                if (query.Problems is { } problems)
                {
                    return problems;
                }
                var chart = await charts.GetAsync(context.User.UserId()!.Value, kind, week, length, cancellationToken);
                return Results.Ok(WeeklyChartResponse.Of(chart));
            })
            .RequireAuthorization()
            .WithTags("Charts")
            .WithSummary("Your weekly chart of tracks or artists, with last week's position, peak and weeks on chart.")
            .WithQuery(
                ApiDocs.Date("week", "Any day of the week wanted (by default the latest week with plays)"),
                new("kind", "What the chart ranks.", Default: "tracks", Allowed: Kinds),
                new("length", $"How many places the chart has (1-{RollupService.ChartSize}): what \"on the chart\" means.",
                    Microsoft.OpenApi.JsonSchemaType.Integer, "int32", ChartsService.DefaultLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    1, RollupService.ChartSize))
            .Produces<WeeklyChartResponse>()
            .ProducesValidationErrors();
        return app;
    }
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
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
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
        [.. chart.Lines.Select(l => new ChartLineResponse(l.Position, l.PreviousPosition, l.Peak, l.WeeksOnChart, l.Movement,
            l.Item.Id, l.Item.SpotifyId, l.Item.Name, chart.Kind == ChartKind.Artists ? null : l.Item.Detail, l.Item.ImageUrl, l.Item.Plays, l.Item.ListeningMs))]);
}
