using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>
/// Signing in to the emulator the way the app does: the consent page, then the code exchange with PKCE.
/// </summary>
internal static partial class EmulatorSignIn
{
    public const string ClientId = "test-client";
    public const string ClientSecret = "test-secret";
    public const string RedirectUri = "http://127.0.0.1:5999/signin-spotify";

    /// <summary>Accepts the consent page as <paramref name="userId"/> and returns the authorization code.</summary>
    public static async Task<string> AuthorizeAsync(HttpClient http, string userId, string challenge,
        string scope = "user-read-private user-read-recently-played", string clientId = ClientId)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["response_type"] = "code", ["redirect_uri"] = RedirectUri, ["state"] = "s1",
            ["scope"] = scope, ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        };
        var page = await http.GetStringAsync(QueryHelpers.AddQueryString("/authorize", query));
        var fields = HiddenField().Matches(page)
            .Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(("user", userId))
            .Append(("action", "accept"))
            .ToArray();
        var response = await http.PostAsync("/authorize", Form(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException(
                $"Consent failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var callback = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        if (callback["state"] != "s1")
        {
            throw new InvalidOperationException("The state did not come back.");
        }
        return callback["code"]!;
    }

    public static Task<HttpResponseMessage> ExchangeAsync(HttpClient http, string code, string verifier,
        string clientId = ClientId,
        string clientSecret = ClientSecret) =>
        http.PostAsync("/api/token",
            Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri),
            ("code_verifier", verifier), ("client_id", clientId), ("client_secret", clientSecret)));

    /// <summary>The token response of a full sign-in as <paramref name="userId"/>.</summary>
    public static async Task<JsonElement> SignInAsync(HttpClient http, string userId, string clientId = ClientId,
        string clientSecret = ClientSecret)
    {
        var verifier = NewVerifier();
        var code = await AuthorizeAsync(http, userId, Challenge(verifier), clientId: clientId);
        var response = await ExchangeAsync(http, code, verifier, clientId, clientSecret);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A client for the emulator's Web API that sends <paramref name="accessToken"/>.</summary>
    public static HttpClient ApiClient(string baseUrl, string accessToken)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    public static string NewVerifier() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(48));

    public static string Challenge(string verifier) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
