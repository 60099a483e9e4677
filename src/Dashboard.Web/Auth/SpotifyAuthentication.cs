namespace Dashboard.Web.Auth;

public static class SpotifyAuthentication
{
    /// <summary>The OAuth scheme that signs in through Spotify (or the emulator in demo mode).</summary>
    public const string Scheme = "Spotify";

    /// <summary>
    /// Where Spotify sends the browser back; register <c>http://127.0.0.1:PORT/signin-spotify</c> with your app.
    /// </summary>
    public const string CallbackPath = "/signin-spotify";
}
