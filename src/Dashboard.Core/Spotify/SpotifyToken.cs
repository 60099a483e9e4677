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

    /// <summary>
    /// When the user first consented. Spotify expires refresh tokens six months after it, so this is
    /// when we start warning.
    /// </summary>
    public DateTime FirstConsentAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
