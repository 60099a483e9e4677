using Dashboard.Core.Listening;

namespace Dashboard.Core.Accounts;

/// <summary>A listener who signed in with Spotify. Everything else a user owns hangs off <see cref="Id"/>.</summary>
public sealed class User
{
    public int Id { get; set; }

    /// <summary>The Spotify user id (<c>/v1/me</c> <c>id</c>), unique.</summary>
    public required string SpotifyId { get; set; }

    /// <summary>
    /// Spotify's immutable account id (<c>/v1/me</c> <c>account_id</c>), which Spotify recommends over
    /// <see cref="SpotifyId"/> for linking accounts; unique when known.
    /// </summary>
    public string? AccountId { get; set; }

    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public string? ImageUrl { get; set; }
    public string? Country { get; set; }

    /// <summary>Spotify subscription level (<c>premium</c>, <c>free</c>); the player needs Premium.</summary>
    public string? Product { get; set; }

    /// <summary>IANA zone in which days, hours and weekdays are counted. Defaults to UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// When the zone was chosen (by the user, or from their browser on first sign-in); null while it is still
    /// the default.
    /// </summary>
    public DateTime? TimeZoneSetAt { get; set; }

    public PlayCountRule PlayCountRule { get; set; } = PlayCountRule.AtLeast30Seconds;

    /// <summary>
    /// Set when Spotify refused our refresh token (<c>invalid_grant</c>): the user must sign in again.
    /// </summary>
    public DateTime? NeedsReconsentSince { get; set; }

    /// <summary>
    /// Spotify said the app's daily quota is spent (<c>QUOTA_EXCEEDED</c>): catalogue look-ups wait until this time,
    /// when it resets, while recently played and the library keep syncing. Kept here so a restart does not spend calls
    /// on it.
    /// </summary>
    public DateTime? EnrichmentPausedUntil { get; set; }

    /// <summary>
    /// The newest play Spotify's recently played has listed for this user: the next sync asks for the plays after it.
    /// Only what Spotify returned moves it, never an import, so an export record dated in the future cannot make the
    /// sync skip plays. Null before the first sync.
    /// </summary>
    public DateTime? RecentlyPlayedCursor { get; set; }

    /// <summary>
    /// Spotify asked the app to wait (a long <c>Retry-After</c>): no sync of this user calls Spotify before this time,
    /// whether scheduled, started by hand or after a restart.
    /// </summary>
    public DateTime? SyncPausedUntil { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime LastLoginAt { get; set; }
}
