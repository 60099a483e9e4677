using System.Net;

namespace Dashboard.Core.Spotify;

/// <summary>
/// Turns an error answer that reached the client (after the retries) into the typed exception callers act on.
/// </summary>
internal static class SpotifyFailures
{
    /// <summary>
    /// Spotify's rate limit counts calls over a rolling 30 seconds: the wait when a 429 does not say.
    /// </summary>
    private static readonly TimeSpan RateLimitWindow = TimeSpan.FromSeconds(30);

    public static async Task<SpotifyException> FromAsync(HttpResponseMessage response, string endpoint,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var error = await SpotifyErrorBody.ReadAsync(response, cancellationToken);
        var status = response.StatusCode;
        var retryAfter = RetryAfter.Of(response, now);
        return status switch
        {
            HttpStatusCode.Forbidden => new SpotifyRefusedException(endpoint, error.Reason, error.Message),
            // The daily quota resets at midnight UTC.
            HttpStatusCode.TooManyRequests when error.IsQuotaExceeded =>
                new SpotifyQuotaExceededException(endpoint,
                    retryAfter is { } wait ? now + wait
                    : new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero)),
            HttpStatusCode.TooManyRequests =>
                new SpotifyRateLimitedException(endpoint, now + (retryAfter ?? RateLimitWindow)),
            >= HttpStatusCode.InternalServerError => new SpotifyUnavailableException(endpoint, status,
                $"Spotify answered {(int)status} to {endpoint}: {error.Summary}"),
            _ => new SpotifyRequestException(endpoint, status,
                $"Spotify answered {(int)status} to {endpoint}: {error.Summary}"),
        };
    }
}
