using Dashboard.Core.Analytics;
using Dashboard.Core.Listening;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The History page as JSON: every play, newest first, a page at a time.</summary>
public static class HistoryEndpoints
{
    /// <summary>The longest name a filter matches: longer than any name Spotify gives.</summary>
    private const int MaxText = 200;

    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/history", async (HttpContext context, HistoryService history, CancellationToken cancellationToken) =>
            {
                var query = new QueryReader(context.Request.Query);
                var filter = new HistoryQuery(
                    Page: query.Page(),
                    PageSize: query.Int("limit", 50, 1, HistoryService.MaxPageSize),
                    Artist: query.Text("artist", MaxText),
                    Track: query.Text("track", MaxText),
                    From: query.Date("start_date"),
                    To: query.Date("end_date"));
                query.Check(filter.From is null || filter.To is null || filter.From <= filter.To, "end_date", "end_date must not be before start_date");
                if (query.Problems is { } problems)
                {
                    return problems;
                }
                var page = await history.GetAsync(context.User.UserId()!.Value, filter, cancellationToken);
                return Results.Ok(new HistoryPageResponse([.. page.Items.Select(HistoryItemResponse.Of)], page.Total, page.Page, page.PageSize, page.Pages));
            })
            .RequireAuthorization()
            .WithTags("History")
            .WithSummary("Every play, counted or not, newest first. Dates are local days in your time zone; names match anywhere, ignoring case.")
            .WithQuery(ApiDocs.Page, ApiDocs.Limit(50, HistoryService.MaxPageSize, "plays per page"),
                new("artist", $"Only plays of tracks credited to an artist whose name contains this (at most {MaxText} characters)."),
                new("track", $"Only plays of tracks whose name contains this (at most {MaxText} characters)."),
                ApiDocs.Date("start_date", "The first local day"),
                ApiDocs.Date("end_date", "The last local day"))
            .Produces<HistoryPageResponse>()
            .ProducesValidationErrors();
        return app;
    }
}

/// <summary>The track played: <c>id</c> is the dashboard's, <c>spotify_id</c> Spotify's (null when the export gave none).</summary>
public sealed record HistoryTrackResponse(
    int Id,
    string? SpotifyId,
    string Name,
    int? ArtistId,
    string? ArtistName,
    int? AlbumId,
    string? AlbumName,
    string? AlbumImageUrl,
    int? DurationMs);

public sealed record HistoryEpisodeResponse(int Id, string? SpotifyId, string Name, int? ShowId, string? ShowName, string? ImageUrl, int? DurationMs);

/// <summary>
/// One play. <c>played_at</c> is when it ended (UTC), <c>local_time</c> the same moment on your clock; <c>counted</c>
/// says whether your play-count rule counts it. Exactly one of <c>track</c> and <c>episode</c> is set.
/// </summary>
public sealed record HistoryItemResponse(
    string Id,
    DateTime PlayedAt,
    DateTime LocalTime,
    int MsPlayed,
    bool Counted,
    ContentType ContentType,
    HistoryTrackResponse? Track,
    HistoryEpisodeResponse? Episode,
    PlaySource Source,
    string? Platform,
    string? Country,
    string? ReasonStart,
    string? ReasonEnd,
    bool? Shuffle,
    bool? Skipped,
    string? ContextUri)
{
    public static HistoryItemResponse Of(HistoryEntry play) => new(
        play.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateTime.SpecifyKind(play.PlayedAt, DateTimeKind.Utc),
        DateTime.SpecifyKind(play.LocalTime, DateTimeKind.Unspecified),
        play.MsPlayed,
        play.Counted,
        play.ContentType,
        play.TrackId is { } trackId
            ? new HistoryTrackResponse(trackId, play.SpotifyId, play.Name, play.ArtistId, play.ArtistName, play.AlbumId, play.AlbumName, play.ImageUrl, play.DurationMs)
            : null,
        play.EpisodeId is { } episodeId
            ? new HistoryEpisodeResponse(episodeId, play.SpotifyId, play.Name, play.ShowId, play.ShowName, play.ImageUrl, play.DurationMs)
            : null,
        play.Source, play.Platform, play.Country, play.ReasonStart, play.ReasonEnd, play.Shuffle, play.Skipped, play.ContextUri);
}

public sealed record HistoryPageResponse(IReadOnlyList<HistoryItemResponse> Items, int Total, int Page, int Limit, int Pages);
