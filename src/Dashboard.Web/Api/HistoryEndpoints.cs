using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
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

        // Deletes answer once every figure follows: a range of years takes longer than the default limit.
        app.MapDelete("/api/v1/history", async (HistoryDaysParameters days, HttpContext context, PlayDeletion deletion,
                CancellationToken cancellationToken) =>
            {
                var (from, to) = (days.StartDate!.Value, days.EndDate!.Value);
                var removed = await deletion.DeleteDaysAsync(context.User.UserId()!.Value, from, to, cancellationToken);
                return Results.Ok(new PlaysDeletedResponse(removed.Plays, from, to));
            })
            .RequireAuthorization()
            .WithTags("History")
            .WithSummary("Deletes every play of yours on the local days from start_date to end_date, counted or not; " +
                         "every figure, chart and session follows. This cannot be undone.")
            .Produces<PlaysDeletedResponse>()
            .WithRequestTimeout(Platform.RequestTimeLimitOptions.LongPolicy);

        app.MapDelete("/api/v1/history/{id}", async (string id, HttpContext context, PlayDeletion deletion,
                CancellationToken cancellationToken) =>
            {
                if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var playId) || playId <= 0)
                {
                    return ApiResults.Unprocessable(["path", "id"], "value is not a valid id (a positive whole number)",
                        "type_error.integer");
                }
                return await deletion.DeletePlayAsync(context.User.UserId()!.Value, playId, cancellationToken)
                    ? Results.NoContent()
                    : ApiResults.NotFound("Play not found");
            })
            .RequireAuthorization()
            .WithTags("History")
            .WithSummary("Deletes one of your plays; every figure, chart and session follows. This cannot be undone.")
            .WithPositiveIdInPath("id", "The play's id, as the history gives it.", "int64")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesDetail(StatusCodes.Status404NotFound)
            .ProducesValidationErrors();
        return app;
    }
}

/// <summary>Plays deleted: how many, from the local days <c>start_date</c> to <c>end_date</c>.</summary>
public sealed record PlaysDeletedResponse(int PlaysDeleted, DateOnly StartDate, DateOnly EndDate);

/// <summary>The local days whose every play a delete takes: both given, the end not before the start.</summary>
public sealed record HistoryDaysParameters : QueryParameters<HistoryDaysParameters>, IValidatableObject
{
    [Description("The first local day whose plays are deleted.")]
    [Required]
    public DateOnly? StartDate { get; init; }

    [Description("The last local day whose plays are deleted.")]
    [Required]
    public DateOnly? EndDate { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StartDate > EndDate)
        {
            yield return new ValidationResult(HistoryParameters.EndBeforeStart, [nameof(EndDate)]);
        }
    }
}

/// <summary>Which plays a page of history lists, beside the page.</summary>
public sealed record HistoryParameters : QueryParameters<HistoryParameters>, IValidatableObject
{
    /// <summary>The longest name a filter matches: longer than any name Spotify gives.</summary>
    private const int MaxText = 200;

    internal const string EndBeforeStart = "end_date must not be before start_date";

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
            yield return new ValidationResult(EndBeforeStart, [nameof(EndDate)]);
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
