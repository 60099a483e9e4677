namespace Dashboard.Core.Spotify;

/// <summary>
/// The names of the HttpClients that talk to Spotify (see <see cref="SpotifyServiceCollectionExtensions"/>).
/// </summary>
internal static class SpotifyHttpClients
{
    /// <summary>api.spotify.com, behind the resilience pipeline and the call log.</summary>
    public const string Api = "Dashboard.Spotify.Api";

    /// <summary>accounts.spotify.com, behind the call log only.</summary>
    public const string Accounts = "Dashboard.Spotify.Accounts";
}
