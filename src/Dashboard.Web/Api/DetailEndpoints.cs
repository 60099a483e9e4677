using Dashboard.Core.Analytics;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The detail pages as JSON: your lifetime with one track, artist or album.</summary>
public static class DetailEndpoints
{
    public static IEndpointRouteBuilder MapDetailEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        MapDetail(api, "/tracks/{id}", DetailKind.Track, "Tracks", "Track not found");
        MapDetail(api, "/artists/{id}", DetailKind.Artist, "Artists", "Artist not found");
        MapDetail(api, "/albums/{id}", DetailKind.Album, "Albums", "Album not found");
        return app;
    }

    private static void MapDetail(RouteGroupBuilder api, string pattern, DetailKind kind, string tag,
        string notFound) =>
        api.MapGet(pattern,
            async (string id, HttpContext context, DetailService details, CancellationToken cancellationToken) =>
            {
                if (!TryReadId(id, out var itemId, out var problem))
                {
                    return problem!;
                }
                // An item the user never played is "not found" for them, whether or not someone else played it.
                return await details.GetAsync(context.User.UserId()!.Value, kind, itemId,
                    cancellationToken) is { } detail
                    ? Results.Ok(ItemDetailResponse.Of(detail))
                    : ApiResults.NotFound(notFound);
            })
            .WithTags(tag)
            .WithSummary(
                $"Your lifetime with one {kind.ToString().ToLowerInvariant()}: plays, time, skips, reach, " +
                "habits and chart history. " +
                         "The id is the dashboard's, as the top lists and history give it.")
            .WithPositiveIdInPath("id")
            .Produces<ItemDetailResponse>()
            .ProducesDetail(StatusCodes.Status404NotFound)
            .ProducesValidationErrors();

    /// <summary>The id in the path, which must be a positive whole number.</summary>
    private static bool TryReadId(string text, out int id, out IResult? problem)
    {
        problem = null;
        if (int.TryParse(text, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0)
        {
            return true;
        }
        problem = ApiResults.Unprocessable(["path", "id"], "value is not a valid id (a positive whole number)",
            "type_error.integer");
        return false;
    }
}

public sealed record LinkedItemResponse(int Id, string Name);

public sealed record MonthPlays(string Label, int Plays, long MsPlayed);

public sealed record ChartWeek(DateOnly WeekStart, int Position);

public sealed record ShareResponse(string Name, int Plays, double Share);

/// <summary>
/// One item as its detail page shows it. Plays and time follow your play-count rule; <c>all_plays</c>, <c>skips</c> and
/// <c>skip_rate</c> count every play. Shares are fractions of your lifetime listening.
/// </summary>
public sealed record ItemDetailResponse(
    int Id,
    DetailKind Kind,
    string Name,
    string? ImageUrl,
    string? SpotifyUri,
    string? Subtitle,
    IReadOnlyList<LinkedItemResponse> Artists,
    LinkedItemResponse? Album,
    int? DurationMs,
    string? ReleaseDate,
    int PlayCount,
    long MsPlayed,
    int AllPlays,
    int Skips,
    double SkipRate,
    double? CompletionRate,
    DateTime FirstPlayedAt,
    DateTime LastPlayedAt,
    double ShareOfPlays,
    double ShareOfTime,
    IReadOnlyList<MonthPlays> OverTime,
    IReadOnlyList<ChartWeek> ChartHistory,
    int? PeakPosition,
    IReadOnlyList<ShareResponse> Platforms,
    IReadOnlyList<ShareResponse> Countries,
    IReadOnlyList<RankedItemResponse> TopTracks,
    IReadOnlyList<RankedItemResponse> TopAlbums)
{
    public static ItemDetailResponse Of(ItemDetail d) => new(
        d.Id, d.Kind, d.Name, d.ImageUrl, d.SpotifyUri, d.Subtitle,
        [.. d.Artists.Select(a => new LinkedItemResponse(a.Id, a.Name))],
        d.Album is { } album ? new LinkedItemResponse(album.Id, album.Name) : null,
        d.DurationMs, d.ReleaseDate,
        d.Plays, d.ListeningMs, d.AllPlays, d.Skips, Math.Round(d.SkipRate, 4),
        d.CompletionRate is { } rate ? Math.Round(rate, 4) : null,
        DateTime.SpecifyKind(d.FirstPlayedAt, DateTimeKind.Utc), DateTime.SpecifyKind(d.LastPlayedAt, DateTimeKind.Utc),
        Math.Round(d.ShareOfPlays, 6), Math.Round(d.ShareOfTime, 6),
        [.. d.OverTime.Select(p => new MonthPlays(p.Label, p.Plays, p.ListeningMs))],
        [.. d.ChartHistory.Select(c => new ChartWeek(c.WeekStart, c.Position))],
        d.PeakPosition,
        [.. d.Platforms.Select(p => new ShareResponse(p.Name, p.Plays, Math.Round(p.Share, 4)))],
        [.. d.Countries.Select(c => new ShareResponse(c.Name, c.Plays, Math.Round(c.Share, 4)))],
        [.. d.TopTracks.Select(t => RankedItemResponse.Of(t, withArtist: true))],
        [.. d.TopAlbums.Select(a => RankedItemResponse.Of(a, withArtist: true))]);
}
