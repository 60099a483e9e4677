namespace Dashboard.SpotifyEmulator.Faults;

public enum FaultKind
{
    /// <summary>429 with a Retry-After header, as when Spotify throttles the app.</summary>
    TooManyRequests,

    /// <summary>500, 502 or 503 with a Spotify-shaped body.</summary>
    ServerError,

    /// <summary>The call is answered normally, but only after a delay (to run past a client's timeout).</summary>
    Delay,

    /// <summary>
    /// Recently played answers with some items whose <c>track</c> is <c>null</c>, as Spotify sometimes does.
    /// </summary>
    NullTracks,

    /// <summary>403, as Spotify refuses calls a development-mode app may not make.</summary>
    Forbidden,

    /// <summary>
    /// 429 <c>QUOTA_EXCEEDED</c> until midnight UTC, as when the app's daily quota is spent, for chosen paths only.
    /// </summary>
    QuotaExceeded,
}

/// <summary>
/// A failure for the next <see cref="Calls"/> Web API calls whose path starts with <see cref="PathPrefix"/>
/// (any path when null), e.g. <c>/v1/me/player</c>, made for <see cref="UserId"/> (anyone's when null). Build one with
/// the factory methods, and <see cref="For"/> to keep it to one user's calls.
/// </summary>
public sealed record Fault
{
    public const string RecentlyPlayedPath = "/v1/me/player/recently-played";

    private Fault(FaultKind kind, int calls, string? pathPrefix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        Kind = kind;
        Calls = calls;
        PathPrefix = pathPrefix;
    }

    public FaultKind Kind { get; }

    /// <summary>How many more calls the fault applies to.</summary>
    public int Calls { get; private init; }

    public string? PathPrefix { get; }

    /// <summary>
    /// The emulated user whose calls the fault applies to; null for any user's. Tests that share one emulator keep a
    /// fault to their own listener, so that another test's sync does not take it.
    /// </summary>
    public string? UserId { get; private init; }

    /// <summary>The HTTP status of a <see cref="FaultKind.ServerError"/>.</summary>
    public int Status { get; private init; }

    /// <summary>The Retry-After of a <see cref="FaultKind.TooManyRequests"/>, in seconds.</summary>
    public int RetryAfterSeconds { get; private init; }

    /// <summary>
    /// How long a <see cref="FaultKind.Delay"/> holds each call; real time, whatever the emulator's clock.
    /// </summary>
    public TimeSpan Delay { get; private init; }

    public static Fault TooManyRequests(int retryAfterSeconds, int calls = 1, string? pathPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new Fault(FaultKind.TooManyRequests, calls, pathPrefix) { RetryAfterSeconds = retryAfterSeconds };
    }

    public static Fault ServerError(int status = 500, int calls = 1, string? pathPrefix = null)
    {
        if (status is not (500 or 502 or 503))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status,
                "Spotify's server errors are 500, 502 and 503.");
        }
        return new Fault(FaultKind.ServerError, calls, pathPrefix) { Status = status };
    }

    public static Fault Delayed(TimeSpan delay, int calls = 1, string? pathPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        return new Fault(FaultKind.Delay, calls, pathPrefix) { Delay = delay };
    }

    public static Fault NullTracks(int calls = 1) => new(FaultKind.NullTracks, calls, RecentlyPlayedPath);

    public static Fault Forbidden(int calls = 1, string? pathPrefix = null) =>
        new(FaultKind.Forbidden, calls, pathPrefix);

    public static Fault QuotaExceeded(int calls = 1, string? pathPrefix = null) =>
        new(FaultKind.QuotaExceeded, calls, pathPrefix);

    /// <summary>The same fault for the calls made for one user only.</summary>
    public Fault For(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return this with { UserId = userId };
    }

    internal Fault WithOneCallLess() => this with { Calls = Calls - 1 };

    internal bool AppliesTo(string path, string userId) =>
        (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.Ordinal))
        && (UserId is null || UserId == userId);
}
