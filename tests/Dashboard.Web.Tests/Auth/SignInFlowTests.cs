using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Core.Data;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Auth;

/// <summary>
/// Signing in with Spotify and out again, on one app for the class: a test that signs in does so as a listener of its
/// own.
/// </summary>
[RunsLong]
public sealed class SignInFlowTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_the_sign_in_page()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/?period=year");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
        Assert.Equal("/?period=year", QueryHelpers.ParseQuery(response.Headers.Location.Query)["ReturnUrl"]);
    }

    [Fact]
    public async Task The_sign_in_page_explains_the_app_and_demo_mode()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/signin");

        Assert.Contains("Sign in with Spotify", html);
        Assert.Contains("data-testid=\"demo-notice\"", html);
        Assert.Contains("generated", html);
        Assert.Contains($"with {DashboardFactory.DemoHistoryDays} days of", html); // the test host's demo history
    }

    [Fact]
    public async Task The_sign_in_pages_picture_says_its_figures_are_an_example_and_not_the_listeners()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/signin");

        var picture = Regex.Match(html, "<div class=\"signin-art-card\".*?</section>", RegexOptions.Singleline).Value;
        var card = Regex.Replace(picture, @"\s+", " ");
        Assert.Contains(
            "<p class=\"art-example\" data-testid=\"signin-example\">An example, not your figures: yours appear once " +
            "you sign in.</p>", card);
        Assert.Contains("41,208", card);
    }

    [Fact]
    public async Task Signing_in_keeps_the_listener_signed_in_for_30_days_across_browser_restarts()
    {
        var spotifyId = app.Factory.AddListener();
        using var client = app.Factory.CreateBrowserLikeClient();
        using var spotify = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = (await client.GetAsync("/account/login?returnUrl=%2F")).Headers.Location!;
        var fields = SignedInClient.HiddenFields(await spotify.GetStringAsync(authorize));
        fields["user"] = spotifyId;
        fields["action"] = "accept";
        var decision = await spotify.PostAsync(new Uri(authorize, "/authorize"), new FormUrlEncodedContent(fields));
        var before = DateTimeOffset.UtcNow;

        var callback = await client.GetAsync(decision.Headers.Location!.PathAndQuery);

        // A cookie without an expiry ends with the browser session; this one is kept, and renewed as it is used.
        var cookie = callback.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dashboard.auth=",
            StringComparison.Ordinal));
        Assert.Matches("; expires=", cookie);
        var expires = DateTimeOffset.Parse(Regex.Match(cookie, "expires=([^;]+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, before.AddDays(30).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30).AddMinutes(1));
    }

    [Fact]
    public async Task Login_hands_over_to_Spotify_with_PKCE_and_the_scopes()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/account/login?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var authorize = response.Headers.Location!;
        Assert.Equal("/authorize", authorize.AbsolutePath);
        Assert.True(authorize.IsLoopback, "In demo mode the emulator on loopback stands in for accounts.spotify.com.");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"].ToString());
        Assert.Equal("http://localhost/signin-spotify", query["redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.Contains("user-read-recently-played", query["scope"].ToString().Split(' '));
    }

    [Fact]
    public async Task Signing_in_creates_the_user_keeps_tokens_encrypted_and_imports_the_demo_history()
    {
        // The demo as it ships (the other tests make do with less history), on an app of its own: the emulator reads
        // the history's length at start, and the test expects the demo listener to be the app's only user.
        await using var factory =
            new DashboardFactory { Settings =
                new Dictionary<string, string> { ["Spotify:Emulator:HistoryDays"] = "1095" } };
        using var browser = factory.CreateBrowserLikeClient();
        using var spotify = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var authorize = (await browser.GetAsync("/account/login?returnUrl=%2F")).Headers.Location!;
        var consent = await spotify.GetStringAsync(authorize);
        var fields = Regex.Matches(consent, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["user"] = "demolistener";
        fields["action"] = "accept";
        var decision = await spotify.PostAsync(new Uri(authorize, "/authorize"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);

        var callback = await browser.GetAsync(decision.Headers.Location!.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>()
            .CreateDbContextAsync();
        var user = await db.Users.SingleAsync();
        Assert.Equal("demolistener", user.SpotifyId);
        Assert.Equal("Demo Listener", user.DisplayName);
        var token = await db.SpotifyTokens.SingleAsync();
        Assert.StartsWith("CfDJ8", token.ProtectedAccessToken); // Data Protection's envelope, not a Spotify token
        Assert.DoesNotContain("BQ", token.ProtectedAccessToken[..5]);
        Assert.Contains("user-top-read", token.Scopes);
        // The history is imported after the sign-in, queued as any upload.
        await factory.WaitForImportsAsync(user.Id);
        Assert.True(await db.Plays.CountAsync(p => p.UserId == user.Id) > 20_000,
            "The demo listener has three years of history.");
    }

    [Fact]
    public async Task Signing_out_needs_the_pages_antiforgery_token()
    {
        using var listener = await app.Factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        var stillSignedIn = await client.GetAsync("/api/v1/analytics/rollup-status");
        var token = await client.AntiforgeryTokenAsync();
        var signedOut = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/signin?signedOut=true", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await client.GetAsync("/api/v1/analytics/rollup-status")).StatusCode);
    }

    [Fact]
    public async Task Cancelling_on_the_consent_page_comes_back_with_a_plain_message()
    {
        using var client = app.Factory.CreateBrowserLikeClient();
        using var spotify = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = (await client.GetAsync("/account/login?returnUrl=%2F")).Headers.Location!;
        var consent = await spotify.GetStringAsync(authorize);
        var fields = Regex.Matches(consent, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["action"] = "cancel";
        var decision = await spotify.PostAsync(new Uri(authorize, "/authorize"), new FormUrlEncodedContent(fields));

        var callback = await client.GetAsync(decision.Headers.Location!.PathAndQuery);

        Assert.Equal("/signin?error=access_denied", callback.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(callback.Headers.Location);
        Assert.Contains("You cancelled the sign-in on Spotify", page);
    }
}
