using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Spotify;

public sealed class SpotifyOptions
{
    public const string SectionName = "Spotify";

    /// <summary>The Spotify app's client id. Left empty, the app runs in demo mode.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Where <c>/authorize</c> and <c>/api/token</c> live.</summary>
    [Required, Url]
    public string AccountsBaseUrl { get; set; } = "https://accounts.spotify.com";

    /// <summary>Where <c>/v1/...</c> lives.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.spotify.com";

    /// <summary>What the app asks the listener to allow.</summary>
    public string[] Scopes { get; set; } =
    [
        "user-read-private",
        "user-read-email",
        "user-read-recently-played",
        "user-top-read",
        "user-read-playback-state",
        "user-read-currently-playing",
        "user-modify-playback-state",
        "playlist-read-private",
        "user-library-read",
        "user-follow-read",
    ];

    /// <summary>Set when no Spotify app is configured and the built-in emulator stands in for Spotify.</summary>
    public bool IsDemo { get; set; }
}
