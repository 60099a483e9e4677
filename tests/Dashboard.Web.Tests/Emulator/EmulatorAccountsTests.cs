using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.SpotifyEmulator;
using Microsoft.AspNetCore.WebUtilities;
using static Dashboard.Web.Tests.Emulator.EmulatorSignIn;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>
/// The emulated accounts.spotify.com: consent, authorization code with PKCE, refresh, and Spotify's errors.
/// </summary>
[NoDatabase]
public sealed class EmulatorAccountsTests : IAsyncLifetime
{
    private SpotifyEmulatorServer _emulator = default!;
    private HttpClient _http = default!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await SpotifyEmulatorServer.StartAsync(new EmulatorSettings
        {
            Clients = [new EmulatedClient(ClientId, ClientSecret, "Test app", [RedirectUri])],
        });
        _http = new HttpClient(
            new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_emulator.BaseUrl) };
    }

    [Fact]
    public async Task Consent_then_code_exchange_with_the_right_verifier_gives_tokens_and_a_profile()
    {
        var verifier = NewVerifier();
        var code = await AuthorizeAsync(Challenge(verifier));

        var tokens = await ExchangeAsync(code, verifier);

        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        var body = await tokens.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("user-read-private user-read-recently-played", body.GetProperty("scope").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));

        using var me = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            body.GetProperty("access_token").GetString());
        var profile = await (await _http.SendAsync(me)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(SpotifyEmulatorServer.DemoUserId, profile.GetProperty("id").GetString());
        Assert.Equal("user", profile.GetProperty("type").GetString());
        Assert.Equal($"spotify:user:{SpotifyEmulatorServer.DemoUserId}", profile.GetProperty("uri").GetString());
        Assert.False(string.IsNullOrEmpty(profile.GetProperty("account_id").GetString()));
    }

    [Fact]
    public async Task A_wrong_verifier_is_refused_like_Spotify_does()
    {
        var code = await AuthorizeAsync(Challenge(NewVerifier()));

        var response = await ExchangeAsync(code, NewVerifier());

        await AssertTokenError(response, "invalid_grant", "code_verifier was incorrect");
    }

    [Fact]
    public async Task A_code_works_once()
    {
        var verifier = NewVerifier();
        var code = await AuthorizeAsync(Challenge(verifier));
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(code, verifier)).StatusCode);

        var again = await ExchangeAsync(code, verifier);

        await AssertTokenError(again, "invalid_grant", "Invalid authorization code");
    }

    [Fact]
    public async Task A_wrong_client_secret_is_invalid_client()
    {
        var verifier = NewVerifier();
        var code = await AuthorizeAsync(Challenge(verifier));

        var response = await _http.PostAsync("/api/token", Form(("grant_type", "authorization_code"), ("code", code),
            ("redirect_uri", RedirectUri), ("code_verifier", verifier), ("client_id", ClientId),
            ("client_secret", "wrong")));

        await AssertTokenError(response, "invalid_client", "Invalid client secret");
    }

    [Fact]
    public async Task PKCE_refresh_tokens_are_single_use_and_revocation_says_so()
    {
        var verifier = NewVerifier();
        var tokens =
            await (await ExchangeAsync(await AuthorizeAsync(Challenge(verifier)),
                verifier)).Content.ReadFromJsonAsync<JsonElement>();
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        var first = await RefreshAsync(refresh);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var replacement = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refresh_token")
            .GetString()!;
        Assert.NotEqual(refresh, replacement);

        await AssertTokenError(await RefreshAsync(refresh), "invalid_grant", "Invalid refresh token");

        _emulator.State.RevokeRefreshTokens(SpotifyEmulatorServer.DemoUserId);
        await AssertTokenError(await RefreshAsync(replacement), "invalid_grant", "Refresh token revoked");
    }

    [Fact]
    public async Task The_web_api_answers_401_in_Spotify_shape_without_or_with_an_expired_token()
    {
        var missing = await _http.GetAsync("/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        var body = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, body.GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal("No token provided", body.GetProperty("error").GetProperty("message").GetString());

        var verifier = NewVerifier();
        var tokens =
            await (await ExchangeAsync(await AuthorizeAsync(Challenge(verifier)),
                verifier)).Content.ReadFromJsonAsync<JsonElement>();
        _emulator.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);
        using var me = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            tokens.GetProperty("access_token").GetString());

        var expired = await _http.SendAsync(me);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("The access token expired",
            (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("message")
            .GetString());
    }

    [Theory]
    [InlineData("unknown-client", RedirectUri, "INVALID_CLIENT: Invalid client")]
    [InlineData(ClientId, "http://127.0.0.1:5999/elsewhere", "INVALID_CLIENT: Invalid redirect URI")]
    public async Task Authorize_refuses_unknown_apps_and_unregistered_redirects(string clientId, string redirectUri,
        string message)
    {
        var response = await _http.GetAsync(QueryHelpers.AddQueryString("/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["response_type"] = "code", ["redirect_uri"] = redirectUri,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Declining_sends_access_denied_back_with_the_state()
    {
        var response = await _http.PostAsync("/authorize", Form(("client_id", ClientId), ("response_type", "code"),
            ("redirect_uri", RedirectUri), ("state", "xyz"), ("action", "cancel")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{RedirectUri}?error=access_denied&state=xyz", response.Headers.Location!.OriginalString);
    }

    private Task<string> AuthorizeAsync(string challenge) =>
        EmulatorSignIn.AuthorizeAsync(_http, SpotifyEmulatorServer.DemoUserId, challenge);

    private Task<HttpResponseMessage> ExchangeAsync(string code, string verifier) =>
        EmulatorSignIn.ExchangeAsync(_http, code, verifier);

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        _http.PostAsync("/api/token",
            Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", ClientId)));

    private static async Task AssertTokenError(HttpResponseMessage response, string error, string description)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal(description, body.GetProperty("error_description").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }
}
