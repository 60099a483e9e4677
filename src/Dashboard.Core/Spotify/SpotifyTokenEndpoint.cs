using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Spotify;

/// <summary>
/// What <c>POST /api/token</c> answers to a refresh. <c>refresh_token</c> comes only when Spotify replaces it.
/// </summary>
internal sealed record RefreshedTokens(string AccessToken, int ExpiresIn, string? Scope = null,
    string? RefreshToken = null);

/// <summary>A refresh either gave tokens or was refused with <c>invalid_grant</c> (and why).</summary>
internal sealed record TokenRefreshResult(RefreshedTokens? Tokens, string? RefusedBecause);

/// <summary>
/// Spotify's token endpoint, <c>{AccountsBaseUrl}/api/token</c>, as the app's confidential client (HTTP Basic).
/// Not retried automatically: a refresh token from a PKCE sign-in works once, so sending it again after an answer
/// that got lost would be refused and cost the user their sign-in.
/// </summary>
internal sealed class SpotifyTokenEndpoint(IHttpClientFactory httpClients, IOptions<SpotifyOptions> options,
    TimeProvider clock)
{
    public const string Endpoint = "/api/token";

    public async Task<TokenRefreshResult> RefreshAsync(int userId, string refreshToken,
        CancellationToken cancellationToken)
    {
        var spotify = options.Value;
        if (string.IsNullOrEmpty(spotify.ClientId) || string.IsNullOrEmpty(spotify.ClientSecret))
        {
            throw new InvalidOperationException(
                "Spotify:ClientId and Spotify:ClientSecret are needed to refresh tokens.");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, spotify.AccountsBaseUrl.TrimEnd('/') + Endpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                KeyValuePair.Create("grant_type", "refresh_token"),
                KeyValuePair.Create("refresh_token", refreshToken),
            ]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{spotify.ClientId}:{spotify.ClientSecret}")));
        new SpotifyCall(userId, SpotifyCall.Accounts, Endpoint).AttachTo(request);

        using var response = await SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new TokenRefreshResult(await ReadTokensAsync(response, cancellationToken), null);
        }
        if (response.StatusCode == HttpStatusCode.BadRequest
            && await SpotifyErrorBody.ReadAsync(response, cancellationToken) is { Reason: "invalid_grant" } refusal)
        {
            return new TokenRefreshResult(null, refusal.Message ?? "invalid_grant");
        }
        throw await SpotifyFailures.FromAsync(response, Endpoint, clock.GetUtcNow(), cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClients.CreateClient(SpotifyHttpClients.Accounts).SendAsync(request, cancellationToken);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SpotifyUnavailableException(Endpoint, null,
                "Spotify's accounts service did not answer the token refresh in time.", e);
        }
        catch (HttpRequestException e)
        {
            throw new SpotifyUnavailableException(Endpoint, null,
                $"Spotify's accounts service could not be reached: {e.Message}", e);
        }
    }

    private static async Task<RefreshedTokens> ReadTokensAsync(HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<RefreshedTokens>(SpotifyJson.Options, cancellationToken)
                   ?? throw new JsonException("The body is empty.");
        }
        catch (JsonException e)
        {
            throw new SpotifyRequestException(Endpoint, response.StatusCode,
                $"Spotify's token answer could not be read: {e.Message}", e);
        }
    }
}
