namespace Dashboard.Core.Spotify;

/// <summary>
/// Who a request to Spotify is for and what to call it in the call log; it travels with the request through the
/// resilience handler to <see cref="ApiCallLogHandler"/>, which logs each attempt.
/// </summary>
/// <param name="Service"><see cref="Api"/> or <see cref="Accounts"/>.</param>
/// <param name="Endpoint">The path with ids as placeholders, e.g. <c>/v1/tracks/{id}</c>; never a query string.</param>
internal sealed record SpotifyCall(int UserId, string Service, string Endpoint)
{
    public const string Api = "api";
    public const string Accounts = "accounts";

    private static readonly HttpRequestOptionsKey<SpotifyCall> Key = new("Dashboard.SpotifyCall");

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    public static SpotifyCall Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var call)
            ? call
            : throw new InvalidOperationException(
                "A request to Spotify was sent without saying whom it is for (SpotifyCall).");
}
