namespace Dashboard.Core.Spotify;

/// <summary>One call to a Spotify service, successful or not: the log behind the API-calls page.</summary>
public sealed class ApiCall
{
    public long Id { get; set; }
    public int? UserId { get; set; }

    /// <summary><c>accounts</c> or <c>api</c>.</summary>
    public required string Service { get; set; }

    public required string Method { get; set; }

    /// <summary>The path with ids replaced by placeholders, e.g. <c>/v1/tracks/{id}</c>.</summary>
    public required string Endpoint { get; set; }

    /// <summary>HTTP status; null when no response came (timeout, connection refused).</summary>
    public int? StatusCode { get; set; }

    public int LatencyMs { get; set; }
    public int? RetryAfterSeconds { get; set; }
    public string? Error { get; set; }
    public DateTime CalledAt { get; set; }
}
