using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Spotify;

public sealed class SpotifyOptions
{
    public const string SectionName = "Spotify";

    /// <summary>
    /// The Spotify app's client id. Left empty, the app runs in demo mode in Development, and elsewhere only with
    /// <c>Spotify:Demo=true</c>; without either it does not start.
    /// </summary>
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

    /// <summary>Set in demo mode, where the built-in emulator stands in for Spotify.</summary>
    public bool IsDemo { get; set; }

    /// <summary>
    /// How long one attempt at a call may take before it is abandoned (and retried). Defaults to 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00", ParseLimitsInInvariantCulture = true,
        ConvertValueInInvariantCulture = true)]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a server error, a timeout or a short rate limit. Defaults to 3.</summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The wait before the first retry; later waits grow exponentially, with jitter. Defaults to 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ParseLimitsInInvariantCulture = true,
        ConvertValueInInvariantCulture = true)]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest <c>Retry-After</c> a call waits out before retrying. A longer one ends the call with
    /// <see cref="SpotifyRateLimitedException"/>, so that a job reschedules itself instead of holding a thread.
    /// Defaults to 60 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ParseLimitsInInvariantCulture = true,
        ConvertValueInInvariantCulture = true)]
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Calls per user and clock hour that background work such as enrichment may spend (see
    /// <see cref="SpotifyRequestBudget"/>). Defaults to 300, which keeps five users well inside Spotify's limits.
    /// </summary>
    [Range(1, 100_000)]
    public int RequestBudgetPerHour { get; set; } = 300;
}
