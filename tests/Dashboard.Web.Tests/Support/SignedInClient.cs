using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Dashboard.Web.Tests.Support;

public static class SignedInClient
{
    /// <summary>
    /// Signs in as an emulated Spotify user through the real flow (login, consent, callback) and returns a
    /// client that carries the session cookie.
    /// </summary>
    /// <param name="cookies">Where the cookies go, for a later instance of the app to be sent them; the client's own
    /// when null.</param>
    /// <param name="waitForHistory">
    /// Waits for the import the demo listener's first sign-in queues, so that their figures are there on return.
    /// </param>
    public static async Task<HttpClient> SignInAsync(this DashboardFactory factory,
        string spotifyUserId = "demolistener",
        CookieContainer? cookies = null, bool waitForHistory = true)
    {
        var app = cookies is null ? factory.CreateBrowserLikeClient()
            : factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var spotify = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = (await app.GetAsync("/account/login?returnUrl=%2F")).Headers.Location!;
        var fields = HiddenFields(await spotify.GetStringAsync(authorize));
        fields["user"] = spotifyUserId;
        fields["action"] = "accept";
        var decision = await spotify.PostAsync(new Uri(authorize, "/authorize"), new FormUrlEncodedContent(fields));
        var callback = await app.GetAsync(decision.Headers.Location!.PathAndQuery);
        if (callback.StatusCode != HttpStatusCode.Redirect || callback.Headers.Location!.OriginalString != "/")
        {
            throw new InvalidOperationException($"Sign-in failed: {callback.StatusCode} {callback.Headers.Location}");
        }
        if (waitForHistory && spotifyUserId == SpotifyEmulator.SpotifyEmulatorServer.DemoUserId)
        {
            await factory.WaitForImportsAsync(await factory.UserIdAsync(spotifyUserId));
        }
        return app;
    }

    /// <summary>The antiforgery token the imports page carries, for POSTs made as the browser makes them.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client)
    {
        var page = await client.GetStringAsync("/imports");
        return HiddenFields(page, "__RequestVerificationToken")["__RequestVerificationToken"];
    }

    public static Dictionary<string, string> HiddenFields(string html, string? only = null) =>
        Regex.Matches(html, "<input[^>]*type=\"hidden\"[^>]*>")
            .Select(m =>
                (Name: Regex.Match(m.Value, "name=\"([^\"]+)\"").Groups[1].Value,
                    Regex.Match(m.Value, "value=\"([^\"]*)\"").Groups[1].Value))
            .Where(f => f.Name.Length > 0 && (only is null || f.Name == only))
            .GroupBy(f => f.Name)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Value));
}
