using Dashboard.Core.Analytics;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The Top lists page as JSON (tracks, artists, albums), and listening by genre.</summary>
public static class TopListEndpoints
{
    public static IEndpointRouteBuilder MapTopListEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();

        MapTop(api, "/tracks/top", TopKind.Tracks, "Tracks", "tracks");
        MapTop(api, "/artists/top", TopKind.Artists, "Artists", "artists");
        MapTop(api, "/albums/top", TopKind.Albums, "Albums", "albums");

        api.MapGet("/genres/distribution",
            async (PeriodParameters period, GenreParameters parameters, HttpContext context, GenresService genres,
                CancellationToken cancellationToken) =>
            {
                var distribution = await genres.GetAsync(context.User.UserId()!.Value, period.Selection,
                    cancellationToken);
                return Results.Ok(GenreDistributionResponse.Of(distribution, parameters.Limit));
            })
            .WithTags("Genres")
            .WithSummary(
                "Plays per genre, for the plays whose artists Spotify has given genres; " +
                "the genres with the most plays first.")
            .Produces<GenreDistributionResponse>();

        return app;
    }

    private static void MapTop(RouteGroupBuilder api, string pattern, TopKind kind, string tag, string what) =>
        api.MapGet(pattern,
            async (PeriodParameters period, TopListParameters parameters, HttpContext context, TopListsService lists,
                CancellationToken cancellationToken) =>
            {
                var list = await lists.GetAsync(context.User.UserId()!.Value, kind, period.Selection, parameters.Limit,
                    cancellationToken);
                return Results.Ok(TopListResponse.Of(list));
            })
            .WithTags(tag)
            .WithSummary($"Your most played {what} of the period, with their movement against the period before.")
            .Produces<TopListResponse>();
}

/// <summary>How long a top list is, beside its period.</summary>
public sealed record TopListParameters : QueryParameters<TopListParameters>
{
    public const int MaxLimit = 100;

    [System.ComponentModel.Description("How many items the list has.")]
    [System.ComponentModel.DataAnnotations.Range(1, MaxLimit)]
    public int Limit { get; init; } = 50;
}

/// <summary>How many genres to list, beside the period: all of them up to the longest list, by default.</summary>
public sealed record GenreParameters : QueryParameters<GenreParameters>
{
    [System.ComponentModel.Description("How many genres to list.")]
    [System.ComponentModel.DataAnnotations.Range(1, TopListParameters.MaxLimit)]
    public int Limit { get; init; } = TopListParameters.MaxLimit;
}

/// <summary>
/// A top-list entry. <c>movement</c> compares with the previous period of equal length (up, down, same, new,
/// re_entry); it and <c>previous_rank</c> are null for all time.
/// </summary>
public sealed record TopEntryResponse(
    int Rank,
    int Id,
    string? SpotifyId,
    string Name,
    [property: System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? ArtistName,
    string? ImageUrl,
    int PlayCount,
    long MsPlayed,
    Movement? Movement,
    int? PreviousRank);

/// <summary>A top list; <c>total</c> is how many items had plays in the period.</summary>
public sealed record TopListResponse(IReadOnlyList<TopEntryResponse> Items, string Period, DateOnly From, DateOnly To,
    int Limit, int Total)
{
    public static TopListResponse Of(TopList list) => new(
        [.. list.Entries.Select(e => new TopEntryResponse(e.Item.Rank, e.Item.Id, e.Item.SpotifyId, e.Item.Name,
            list.Kind == TopKind.Artists ? null : e.Item.Detail, e.Item.ImageUrl, e.Item.Plays, e.Item.ListeningMs,
            e.Movement, e.PreviousRank))],
        list.Selection.Period.Key(), list.Range.From, list.Range.To, list.Limit, list.TotalItems);
}

/// <summary>One genre: plays of tracks by its artists, and its share of all genre plays in percent.</summary>
public sealed record GenreShareResponse(string Name, int PlayCount, double Percentage);

/// <summary>
/// Plays by genre, the <c>limit</c> with the most plays. A play counts for each genre of its artists, so
/// <c>percentage</c>
/// is of all genre plays; <c>total_genres</c> counts every genre, <c>plays_with_genre</c> of <c>total_plays</c> had an
/// artist with known genres.
/// </summary>
public sealed record GenreDistributionResponse(
    IReadOnlyList<GenreShareResponse> Genres,
    string Period,
    DateOnly From,
    DateOnly To,
    int TotalGenres,
    int PlaysWithGenre,
    int TotalPlays)
{
    public static GenreDistributionResponse Of(GenreDistribution distribution, int limit) => new(
        [.. distribution.Genres.Take(limit)
        .Select(g => new GenreShareResponse(g.Name, g.Plays, Math.Round(g.Share * 100, 1)))],
        distribution.Selection.Period.Key(), distribution.Range.From, distribution.Range.To,
        distribution.Genres.Count, distribution.PlaysWithGenre, distribution.Plays);
}
