using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Dashboard.Core.Spotify;

/// <summary>
/// The Spotify Web API as the app uses it, acting for one of its users (by our user id) with their stored tokens.
/// Look-ups go one item at a time: the batch endpoints (<c>?ids=</c>) are closed to development-mode apps.
/// </summary>
/// <remarks>
/// Failures arrive as typed exceptions (all <see cref="SpotifyException"/>): <see cref="SpotifyRateLimitedException"/>
/// and <see cref="SpotifyQuotaExceededException"/> say when to come back, <see cref="SpotifyRefusedException"/> that a
/// call is not allowed, <see cref="SpotifyUnavailableException"/> that Spotify failed even after retries,
/// <see cref="SpotifySignInRequiredException"/> that the user must sign in again. Player commands answer with a
/// <see cref="PlayerCommandResult"/> instead, since Premium and device problems are everyday answers there.
/// </remarks>
public sealed class SpotifyClient
{
    public const int MaxPageSize = 50;

    private readonly SpotifyApi _api;

    internal SpotifyClient(SpotifyApi api)
    {
        _api = api;
    }

    /// <summary><c>GET /v1/me</c>.</summary>
    public Task<SpotifyProfile> GetProfileAsync(int userId, CancellationToken cancellationToken) =>
        _api.GetAsync<SpotifyProfile>(userId, "/v1/me", "/v1/me", cancellationToken);

    // Listening

    /// <summary>Recently played tracks, newest first; Spotify keeps only the last 50.</summary>
    public async Task<RecentlyPlayedPage> GetRecentlyPlayedAsync(int userId, RecentlyPlayedQuery query,
        CancellationToken cancellationToken)
    {
        const string endpoint = "/v1/me/player/recently-played";
        var cursor = (query.After, query.Before) switch
        {
            ({ } after, _) => Invariant($"&after={after.ToUnixTimeMilliseconds()}"),
            (_, { } before) => Invariant($"&before={before.ToUnixTimeMilliseconds()}"),
            _ => "",
        };
        using var response = await _api.SendAsync(userId, HttpMethod.Get, endpoint,
            Invariant($"{endpoint}?limit={query.Limit}{cursor}"), cancellationToken);
        return await _api.ReadAsync<RecentlyPlayedBody, RecentlyPlayedPage>(response, endpoint, body => body.ToPage(),
            cancellationToken);
    }

    /// <summary>
    /// The user's top tracks over <paramref name="range"/>, <paramref name="limit"/> from <paramref name="offset"/>.
    /// </summary>
    public Task<SpotifyPage<SpotifyTrack>> GetTopTracksAsync(int userId, SpotifyTimeRange range, int limit, int offset,
        CancellationToken cancellationToken) =>
        GetTopAsync<SpotifyTrack>(userId, "tracks", range, limit, offset, cancellationToken);

    public Task<SpotifyPage<SpotifyArtist>> GetTopArtistsAsync(int userId, SpotifyTimeRange range, int limit,
        int offset,
        CancellationToken cancellationToken) =>
        GetTopAsync<SpotifyArtist>(userId, "artists", range, limit, offset, cancellationToken);

    // Catalogue look-ups: null when Spotify does not know the id.

    public Task<SpotifyTrack?> GetTrackAsync(int userId, string trackId, CancellationToken cancellationToken) =>
        LookUpAsync<SpotifyTrack>(userId, "tracks", trackId, cancellationToken);

    public Task<SpotifyArtist?> GetArtistAsync(int userId, string artistId, CancellationToken cancellationToken) =>
        LookUpAsync<SpotifyArtist>(userId, "artists", artistId, cancellationToken);

    public Task<SpotifyAlbum?> GetAlbumAsync(int userId, string albumId, CancellationToken cancellationToken) =>
        LookUpAsync<SpotifyAlbum>(userId, "albums", albumId, cancellationToken);

    // Player: episodes are asked for too, so that a podcast shows up rather than an empty item.

    /// <summary>The active device and what it plays; null when nothing is playing or paused (204).</summary>
    public Task<SpotifyPlaybackState?> GetPlaybackStateAsync(int userId, CancellationToken cancellationToken) =>
        GetUnlessNoContentAsync<SpotifyPlaybackState>(userId, "/v1/me/player", cancellationToken);

    /// <summary>What plays now; null when nothing does (204).</summary>
    public Task<SpotifyCurrentlyPlaying?> GetCurrentlyPlayingAsync(int userId, CancellationToken cancellationToken) =>
        GetUnlessNoContentAsync<SpotifyCurrentlyPlaying>(userId, "/v1/me/player/currently-playing", cancellationToken);

    public Task<IReadOnlyList<SpotifyDevice>> GetDevicesAsync(int userId, CancellationToken cancellationToken) =>
        GetAsync<DevicesBody, IReadOnlyList<SpotifyDevice>>(userId, "/v1/me/player/devices", "/v1/me/player/devices",
            body => body.Devices, cancellationToken);

    public Task<SpotifyQueue> GetQueueAsync(int userId, CancellationToken cancellationToken) =>
        _api.GetAsync<SpotifyQueue>(userId, "/v1/me/player/queue", "/v1/me/player/queue", cancellationToken);

    /// <summary>Resumes playback on the active device.</summary>
    public Task<PlayerCommandResult> PlayAsync(int userId, CancellationToken cancellationToken) =>
        CommandAsync(userId, HttpMethod.Put, "/v1/me/player/play", cancellationToken);

    public Task<PlayerCommandResult> PauseAsync(int userId, CancellationToken cancellationToken) =>
        CommandAsync(userId, HttpMethod.Put, "/v1/me/player/pause", cancellationToken);

    public Task<PlayerCommandResult> NextAsync(int userId, CancellationToken cancellationToken) =>
        CommandAsync(userId, HttpMethod.Post, "/v1/me/player/next", cancellationToken);

    public Task<PlayerCommandResult> PreviousAsync(int userId, CancellationToken cancellationToken) =>
        CommandAsync(userId, HttpMethod.Post, "/v1/me/player/previous", cancellationToken);

    // Library

    public Task<SpotifyPage<SpotifyPlaylist>> GetPlaylistsAsync(int userId, int limit, int offset,
        CancellationToken cancellationToken) =>
        _api.GetAsync<SpotifyPage<SpotifyPlaylist>>(userId, "/v1/me/playlists",
            Invariant($"/v1/me/playlists?limit={PageSize(limit)}&offset={Offset(offset)}"), cancellationToken);

    public Task<SpotifyPage<SpotifySavedAlbum>> GetSavedAlbumsAsync(int userId, int limit, int offset,
        CancellationToken cancellationToken) =>
        _api.GetAsync<SpotifyPage<SpotifySavedAlbum>>(userId, "/v1/me/albums",
            Invariant($"/v1/me/albums?limit={PageSize(limit)}&offset={Offset(offset)}"), cancellationToken);

    /// <summary>
    /// Followed artists, paged by cursor: pass the previous page's <see cref="SpotifyFollowedArtistsPage.NextAfter"/>.
    /// </summary>
    public Task<SpotifyFollowedArtistsPage> GetFollowedArtistsAsync(int userId, string? after, int limit,
        CancellationToken cancellationToken)
    {
        var cursor = after is null ? "" : $"&after={Uri.EscapeDataString(after)}";
        return GetAsync<FollowedArtistsBody, SpotifyFollowedArtistsPage>(userId, "/v1/me/following",
            Invariant($"/v1/me/following?type=artist&limit={PageSize(limit)}{cursor}"), body => body.ToPage(),
            cancellationToken);
    }

    private Task<SpotifyPage<T>> GetTopAsync<T>(int userId, string type, SpotifyTimeRange range, int limit, int offset,
        CancellationToken cancellationToken)
    {
        var timeRange = range switch
        {
            SpotifyTimeRange.ShortTerm => "short_term",
            SpotifyTimeRange.MediumTerm => "medium_term",
            SpotifyTimeRange.LongTerm => "long_term",
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, null),
        };
        return _api.GetAsync<SpotifyPage<T>>(userId, $"/v1/me/top/{type}",
            Invariant($"/v1/me/top/{type}?time_range={timeRange}&limit={PageSize(limit)}&offset={Offset(offset)}"),
            cancellationToken);
    }

    private async Task<T?> LookUpAsync<T>(int userId, string type, string id,
        CancellationToken cancellationToken) where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var endpoint = $"/v1/{type}/{{id}}";
        using var response = await _api.SendAsync(userId, HttpMethod.Get, endpoint,
            $"/v1/{type}/{Uri.EscapeDataString(id)}",
            cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await _api.ReadAsync<T, T>(response, endpoint, item => item, cancellationToken);
    }

    private async Task<T?> GetUnlessNoContentAsync<T>(int userId, string endpoint,
        CancellationToken cancellationToken) where T : class
    {
        using var response = await _api.SendAsync(userId, HttpMethod.Get, endpoint,
            $"{endpoint}?additional_types=episode",
            cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent
            ? null
            : await _api.ReadAsync<T, T>(response, endpoint, state => state, cancellationToken);
    }

    private async Task<TResult> GetAsync<TBody, TResult>(int userId, string endpoint, string pathAndQuery,
        Func<TBody, TResult> convert,
        CancellationToken cancellationToken)
    {
        using var response = await _api.SendAsync(userId, HttpMethod.Get, endpoint, pathAndQuery, cancellationToken);
        return await _api.ReadAsync(response, endpoint, convert, cancellationToken);
    }

    private async Task<PlayerCommandResult> CommandAsync(int userId, HttpMethod method, string endpoint,
        CancellationToken cancellationToken)
    {
        using var response = await _api.SendAsync(userId, method, endpoint, endpoint, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return PlayerCommandResult.Done;
        }
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => PlayerCommandResult.NoActiveDevice,
            HttpStatusCode.Forbidden =>
                await SpotifyErrorBody.ReadAsync(response, cancellationToken) is { Reason: "PREMIUM_REQUIRED" }
                ? PlayerCommandResult.PremiumRequired
                : PlayerCommandResult.NotAllowedNow,
            _ => throw await _api.FailureAsync(response, endpoint, cancellationToken),
        };
    }

    private static int PageSize(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        return limit;
    }

    private static int Offset(int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return offset;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // The shapes of answers that are unwrapped before the caller sees them.

    private sealed record DevicesBody(IReadOnlyList<SpotifyDevice> Devices);

    private sealed record FollowedArtistsBody(FollowedArtistsPageBody Artists)
    {
        public SpotifyFollowedArtistsPage ToPage() =>
            new(Artists.Items, Artists.Total, Artists.Next is null ? null : Artists.Cursors?.After);
    }

    private sealed record FollowedArtistsPageBody(IReadOnlyList<SpotifyArtist> Items, int Total, string? Next,
        FollowedCursorsBody? Cursors = null);

    private sealed record FollowedCursorsBody(string? After = null);

    /// <summary>
    /// Recently played as sent. Items stay raw until <see cref="ToPage"/>: an entry with <c>"track": null</c>, or a
    /// local file without an id, would otherwise fail the whole page.
    /// </summary>
    private sealed record RecentlyPlayedBody(IReadOnlyList<JsonElement> Items, string? Next,
        RecentlyPlayedCursorsBody? Cursors = null)
    {
        public RecentlyPlayedPage ToPage()
        {
            var plays = Items.Where(HasKnownTrack).Select(item => item.Deserialize<PlayedTrack>(SpotifyJson.Options)!)
                .ToList();
            var cursors = Cursors is { After: { } after, Before: { } before }
                ? new RecentlyPlayedCursors(DateTimeOffset.FromUnixTimeMilliseconds(after),
                    DateTimeOffset.FromUnixTimeMilliseconds(before))
                : null;
            return new RecentlyPlayedPage(plays, Items.Count - plays.Count, cursors, Next is not null);
        }

        private static bool HasKnownTrack(JsonElement item) =>
            item.TryGetProperty("track", out var track)
            && track.ValueKind == JsonValueKind.Object
            && track.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String;
    }

    /// <summary>Spotify's cursors here are Unix milliseconds, sent as strings.</summary>
    private sealed record RecentlyPlayedCursorsBody(long? After = null, long? Before = null);
}
