namespace Dashboard.Core.Spotify;

/// <summary>
/// A user's Spotify tokens, encrypted with ASP.NET Data Protection (see <see cref="SpotifyTokenStore"/>).
/// One row per user.
/// </summary>
public sealed class SpotifyToken
{
    public int UserId { get; set; }
    public required string ProtectedAccessToken { get; set; }
    public required string ProtectedRefreshToken { get; set; }
    public DateTime AccessTokenExpiresAt { get; set; }

    /// <summary>Space-separated scopes Spotify granted.</summary>
    public required string Scopes { get; set; }

    /// <summary>Refresh tokens stop working this long after the user's first consent to the app.</summary>
    public const int RefreshTokenLifetimeMonths = 6;

    /// <summary>
    /// When the user consented to the app: Spotify expires refresh tokens <see cref="RefreshTokenLifetimeMonths"/>
    /// months after it. Neither a refresh nor a later sign-in moves it; a sign-in after those months starts a new
    /// consent.
    /// </summary>
    public DateTime FirstConsentAt { get; set; }

    /// <summary>When the user last went through Spotify's authorization (each sign-in).</summary>
    public DateTime AuthorizedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
