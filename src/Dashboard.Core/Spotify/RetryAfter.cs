namespace Dashboard.Core.Spotify;

/// <summary>Spotify's <c>Retry-After</c>: whole seconds in practice, an HTTP date in theory.</summary>
internal static class RetryAfter
{
    /// <summary>How long the answer asks the app to wait, or null when it does not say.</summary>
    public static TimeSpan? Of(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
