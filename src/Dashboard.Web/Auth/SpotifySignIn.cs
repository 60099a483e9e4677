using System.Net.Http.Headers;
using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Dashboard.Web.Demo;
using Dashboard.Web.Jobs;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Auth;

/// <summary>
/// Completes a Spotify sign-in once the OAuth handler has the tokens: reads the profile from <c>/v1/me</c>,
/// upserts the user, stores the tokens encrypted and puts our user id in the cookie.
/// </summary>
public sealed class SpotifySignIn(
    UserAccounts accounts,
    DemoHistory demoHistory,
    SyncSchedule syncs,
    IOptions<SpotifyOptions> spotify,
    TimeProvider clock,
    ILogger<SpotifySignIn> logger)
{
    public async Task CompleteAsync(OAuthCreatingTicketContext context)
    {
        var cancellationToken = context.HttpContext.RequestAborted;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{spotify.Value.ApiBaseUrl.TrimEnd('/')}/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        using var response = await context.Backchannel.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Spotify answered {(int)response.StatusCode} to /v1/me.");
        }
        var profile = await response.Content.ReadFromJsonAsync<SpotifyProfile>(cancellationToken)
                      ?? throw new HttpRequestException("Spotify sent an empty profile.");

        var now = clock.GetUtcNow().UtcDateTime;
        var tokens = new SpotifyTokens(
            context.AccessToken!,
            context.RefreshToken ?? throw new HttpRequestException("Spotify sent no refresh token."),
            now + (context.ExpiresIn ?? TimeSpan.FromHours(1)),
            context.TokenResponse.Response?.RootElement.TryGetProperty("scope", out var scope) == true
            ? scope.GetString() ?? "" : "");
        var user = await accounts.SignInAsync(profile, tokens, cancellationToken);
        logger.LogInformation("User {UserId} signed in with Spotify ({New})", user.Id,
            user.IsNew ? "new" : "returning");

        // Kept across browser restarts for the cookie's lifetime (renewed as it is used), as every peer keeps its users
        // signed in; a cookie without an expiry would end with the browser session.
        context.Properties.IsPersistent = true;
        var identity = context.Identity!;
        identity.AddClaim(
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.DisplayName));
        identity.AddClaim(new Claim(DashboardClaims.SpotifyId, user.SpotifyId));
        if (user.ImageUrl is not null)
        {
            identity.AddClaim(new Claim(DashboardClaims.Picture, user.ImageUrl));
        }

        // The demo listener's first sign-in queues their generated history as an import, whose end starts their first
        // sync. Any other new user's recent plays come in right away. Everyone then syncs on schedule, from one
        // interval later when that first sync was started, so that it is not followed at once by a second.
        var historyQueued = await demoHistory.EnsureQueuedAsync(user, cancellationToken);
        var started = historyQueued
            || (user.IsNew
                && await syncs.StartNowAsync(user.Id, SyncTrigger.SignIn, cancellationToken) == SyncStart.Started);
        await syncs.EnsureScheduledAsync(user.Id, started, cancellationToken);
    }
}
