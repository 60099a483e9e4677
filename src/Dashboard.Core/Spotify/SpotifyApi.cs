using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dashboard.Core.Spotify;

/// <summary>
/// Sends Web API calls for a user: attaches the user's access token, renews it once on a 401, and turns what comes
/// back into results or typed <see cref="SpotifyException"/>s. <see cref="SpotifyClient"/> builds on it.
/// </summary>
internal sealed class SpotifyApi(
    IHttpClientFactory httpClients,
    SpotifyAccessTokens tokens,
    IOptions<SpotifyOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Spotify's answer, whatever its status, after the retries and at most one token renewal.
    /// </summary>
    /// <param name="endpoint">The path with ids as placeholders, for the call log and errors.</param>
    /// <param name="pathAndQuery">What to call, e.g. <c>/v1/tracks/4iV5W9uYEdYUVa79Axb7Rh</c>.</param>
    /// <exception cref="SpotifyUnavailableException">No answer came in time, or Spotify could not be
    /// reached.</exception>
    /// <exception cref="SpotifySignInRequiredException">The user's sign-in is gone.</exception>
    public async Task<HttpResponseMessage> SendAsync(int userId, HttpMethod method, string endpoint,
        string pathAndQuery,
        CancellationToken cancellationToken)
    {
        var accessToken = await tokens.GetAsync(userId, cancellationToken);
        var response = await SendOnceAsync(userId, method, endpoint, pathAndQuery, accessToken, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        // Revoked or expired early: one renewal, one more try. A second 401 reaches the caller as an unexpected answer.
        response.Dispose();
        accessToken = await tokens.RenewAsync(userId, accessToken, cancellationToken);
        return await SendOnceAsync(userId, method, endpoint, pathAndQuery, accessToken, cancellationToken);
    }

    /// <summary>A GET whose answer must be a <typeparamref name="T"/>.</summary>
    public async Task<T> GetAsync<T>(int userId, string endpoint, string pathAndQuery,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(userId, HttpMethod.Get, endpoint, pathAndQuery, cancellationToken);
        return await ReadAsync<T, T>(response, endpoint, body => body, cancellationToken);
    }

    /// <summary>
    /// Reads a successful answer as <typeparamref name="TBody"/> and converts it; an error answer becomes the typed
    /// exception for its status, and a body that does not read becomes <see cref="SpotifyRequestException"/>.
    /// </summary>
    public async Task<TResult> ReadAsync<TBody, TResult>(HttpResponseMessage response, string endpoint,
        Func<TBody, TResult> convert,
        CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, endpoint, cancellationToken);
        }
        try
        {
            var body = await response.Content.ReadFromJsonAsync<TBody>(SpotifyJson.Options, cancellationToken)
                       ?? throw new JsonException("The body is empty.");
            return convert(body);
        }
        catch (JsonException e)
        {
            throw new SpotifyRequestException(endpoint, response.StatusCode,
                $"Spotify's answer to {endpoint} could not be read: {e.Message}", e);
        }
    }

    public Task<SpotifyException> FailureAsync(HttpResponseMessage response, string endpoint,
        CancellationToken cancellationToken) =>
        SpotifyFailures.FromAsync(response, endpoint, clock.GetUtcNow(), cancellationToken);

    private async Task<HttpResponseMessage> SendOnceAsync(int userId, HttpMethod method, string endpoint,
        string pathAndQuery,
        string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, options.Value.ApiBaseUrl.TrimEnd('/') + pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        new SpotifyCall(userId, SpotifyCall.Api, endpoint).AttachTo(request);
        try
        {
            return await httpClients.CreateClient(SpotifyHttpClients.Api).SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new SpotifyUnavailableException(endpoint, null, $"Spotify did not answer {endpoint} in time.", e);
        }
        catch (BrokenCircuitException e)
        {
            throw new SpotifyUnavailableException(endpoint, null,
                $"Spotify has been failing; calls such as {endpoint} pause for a few seconds.", e);
        }
        catch (HttpRequestException e)
        {
            throw new SpotifyUnavailableException(endpoint, null,
                $"Spotify could not be reached for {endpoint}: {e.Message}", e);
        }
    }
}
