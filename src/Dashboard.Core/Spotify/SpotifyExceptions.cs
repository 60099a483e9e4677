using System.Net;

namespace Dashboard.Core.Spotify;

// The ways a Spotify call can fail that callers are expected to act on. Each says what happened in terms a job or a
// page can use: when to come back, whether to skip an item, whether the user must sign in again.

/// <summary>A Spotify call that did not give the app what it asked for.</summary>
public abstract class SpotifyException(string endpoint, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The endpoint with ids as placeholders, e.g. <c>/v1/tracks/{id}</c>.</summary>
    public string Endpoint { get; } = endpoint;
}

/// <summary>
/// Spotify no longer accepts the user's sign-in (<c>invalid_grant</c>, e.g. the refresh token was revoked or is older
/// than six months), or the user never connected Spotify. Nothing works for this user until they sign in with Spotify
/// again; <see cref="Accounts.User.NeedsReconsentSince"/> says so to the pages.
/// </summary>
public sealed class SpotifySignInRequiredException(int userId, string endpoint, string reason)
    : SpotifyException(endpoint,
        $"Spotify no longer accepts the sign-in of user {userId} ({reason}): sign in with Spotify again.")
{
    public int UserId { get; } = userId;

    /// <summary>Why, e.g. Spotify's <c>Refresh token revoked</c>.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// Spotify asked the app to wait longer than it waits in place (<see cref="SpotifyOptions.MaxRetryAfterWait"/>), or
/// kept asking it to wait. Come back at <see cref="RetryAt"/>: a job reschedules itself for then.
/// </summary>
public class SpotifyRateLimitedException : SpotifyException
{
    public SpotifyRateLimitedException(string endpoint, DateTimeOffset retryAt)
        : this(endpoint, retryAt, $"Spotify rate-limited {endpoint} until {retryAt:u}.")
    {
    }

    protected SpotifyRateLimitedException(string endpoint, DateTimeOffset retryAt, string message)
        : base(endpoint, message)
    {
        RetryAt = retryAt;
    }

    /// <summary>When Spotify will take calls again (from its <c>Retry-After</c>).</summary>
    public DateTimeOffset RetryAt { get; }
}

/// <summary>
/// The app's daily request quota is spent (429 with reason <c>QUOTA_EXCEEDED</c>); it resets at
/// <see cref="SpotifyRateLimitedException.RetryAt"/>, midnight UTC. Not retried: every call until then would be
/// refused too. Enrichment pauses until then.
/// </summary>
public sealed class SpotifyQuotaExceededException(string endpoint, DateTimeOffset retryAt)
    : SpotifyRateLimitedException(endpoint, retryAt,
        $"Spotify's daily request quota is spent until {retryAt:u} ({endpoint}).");

/// <summary>
/// Spotify answered 403: the endpoint is not open to this app (batch look-ups and audio features are gone for
/// development-mode apps) or the user may not do this. Expected; record the item or step as refused and carry on.
/// </summary>
public sealed class SpotifyRefusedException(string endpoint, string? reason, string? spotifyMessage)
    : SpotifyException(endpoint,
        $"Spotify refused {endpoint}: {spotifyMessage ?? "Forbidden"}{(reason is null ? "" : $" ({reason})")}.")
{
    /// <summary>Spotify's <c>reason</c>, e.g. <c>PREMIUM_REQUIRED</c>, when it gave one.</summary>
    public string? Reason { get; } = reason;
}

/// <summary>
/// Spotify kept failing (5xx), did not answer in time, or could not be reached, even after the retries. Try again
/// later; the step fails, the run does not have to.
/// </summary>
public sealed class SpotifyUnavailableException(string endpoint, HttpStatusCode? statusCode, string message,
    Exception? innerException = null)
    : SpotifyException(endpoint, message, innerException)
{
    /// <summary>The last status Spotify answered with; null when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
}

/// <summary>
/// An answer the app did not expect (e.g. 400, or 401 even with a fresh token) or could not read. Points to a bug or a
/// change at Spotify rather than to a condition to wait out.
/// </summary>
public sealed class SpotifyRequestException(string endpoint, HttpStatusCode statusCode, string message,
    Exception? innerException = null)
    : SpotifyException(endpoint, message, innerException)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
}
