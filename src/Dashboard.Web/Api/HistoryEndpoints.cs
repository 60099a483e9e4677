using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dashboard.Core.Analytics;
using Dashboard.Core.Listening;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The History page as JSON: every play, newest first, a page at a time.</summary>
public static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/history",
            async (PageParameters paging, HistoryParameters parameters, HttpContext context, HistoryService history,
                CancellationToken cancellationToken) =>
            {
                var page = await history.GetAsync(context.User.UserId()!.Value, parameters.Query(paging.Page),
                    cancellationToken);
                return Results.Ok(
                    new HistoryPageResponse([.. page.Items.Select(HistoryItemResponse.Of)], page.Total, page.Page,
                        page.PageSize, page.Pages));
            })
            .RequireAuthorization()
            .WithTags("History")
            .WithSummary(
                "Every play, counted or not (each says whether your play-count rule counts it), newest first. " +
                "Dates are local days in your time zone; names match anywhere, ignoring case.")
            .Produces<HistoryPageResponse>();
        return app;
    }
}

/// <summary>Which plays a page of history lists, beside the page.</summary>
public sealed record HistoryParameters : QueryParameters<HistoryParameters>, IValidatableObject
{
    /// <summary>The longest name a filter matches: longer than any name Spotify gives.</summary>
    private const int MaxText = 200;

    [Description("How many plays per page.")]
    [Range(1, HistoryService.MaxPageSize)]
    public int Limit { get; init; } = 50;

    [Description("Only plays of tracks credited to an artist whose name contains this.")]
    [MaxLength(MaxText)]
    public string? Artist { get; init; }

    [Description("Only plays of tracks credited to the artist with this id (an artist's own plays, where `artist` "
        + "also keeps every artist whose name contains the name).")]
    [Range(1, int.MaxValue)]
    public int? ArtistId { get; init; }

    [Description("Only plays of tracks whose name contains this.")]
    [MaxLength(MaxText)]
    public string? Track { get; init; }

    [Description("Only plays of the track with this id.")]
    [Range(1, int.MaxValue)]
    public int? TrackId { get; init; }

    [Description("Only plays of tracks of the album with this id.")]
    [Range(1, int.MaxValue)]
    public int? AlbumId { get; init; }

    [Description("Only plays of episodes of the podcast with this id.")]
    [Range(1, int.MaxValue)]
    public int? ShowId { get; init; }

    [Description("The first local day.")]
    public DateOnly? StartDate { get; init; }

    [Description("The last local day.")]
    public DateOnly? EndDate { get; init; }

    [Description("`yes`: only the plays your play-count rule counts (those the analytics count); `no`: the others.")]
    [AllowedValues("yes", "no")]
    public string? Counted { get; init; }

    public HistoryQuery Query(int page) =>
        new(Page: page, PageSize: Limit, Artist: Artist, ArtistId: ArtistId, Track: Track, TrackId: TrackId,
            AlbumId: AlbumId, ShowId: ShowId, From: StartDate, To: EndDate,
            Counted: Counted switch { "yes" => true, "no" => false, _ => null });

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StartDate > EndDate)
        {
            yield return new ValidationResult("end_date must not be before start_date", [nameof(EndDate)]);
        }
    }
}

/// <summary>
/// The track played: <c>id</c> is the dashboard's, <c>spotify_id</c> Spotify's (null when the export gave none).
/// </summary>
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

public sealed record HistoryEpisodeResponse(int Id, string? SpotifyId, string Name, int? ShowId, string? ShowName,
    string? ImageUrl, int? DurationMs);

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
            ? new HistoryTrackResponse(trackId, play.SpotifyId, play.Name, play.ArtistId, play.ArtistName, play.AlbumId,
                play.AlbumName, play.ImageUrl, play.DurationMs)
            : null,
        play.EpisodeId is { } episodeId
            ? new HistoryEpisodeResponse(episodeId, play.SpotifyId, play.Name, play.ShowId, play.ShowName,
                play.ImageUrl, play.DurationMs)
            : null,
        play.Source, play.Platform, play.Country, play.ReasonStart, play.ReasonEnd, play.Shuffle, play.Skipped,
        play.ContextUri);
}

public sealed record HistoryPageResponse(IReadOnlyList<HistoryItemResponse> Items, int Total, int Page, int Limit,
    int Pages);
