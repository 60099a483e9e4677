using System.Collections.Concurrent;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Spotify;

/// <summary>
/// Hands out a usable access token per user: refreshes it shortly before it expires, or when Spotify rejected it, and
/// stores what the refresh gave. Refreshes of one user run one at a time, since a PKCE refresh token works once: a
/// second refresh with the same token would be refused and cost the user their sign-in.
/// </summary>
internal sealed class SpotifyAccessTokens(
    SpotifyTokenStore store,
    SpotifyTokenEndpoint tokenEndpoint,
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    ILogger<SpotifyAccessTokens> logger)
{
    /// <summary>Refreshing this early leaves a call room for its retries and waits before the token runs out.</summary>
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _refreshGates = new();

    /// <exception cref="SpotifySignInRequiredException">No tokens, or Spotify refused the refresh token.</exception>
    public async Task<string> GetAsync(int userId, CancellationToken cancellationToken)
    {
        var tokens = await LoadAsync(userId, cancellationToken);
        return IsFresh(tokens)
            ? tokens.AccessToken
            : await RefreshOnceAsync(userId, current => !IsFresh(current), cancellationToken);
    }

    /// <summary>
    /// Spotify rejected <paramref name="rejectedAccessToken"/> (401): refreshes, unless another call already has.
    /// </summary>
    /// <exception cref="SpotifySignInRequiredException">Spotify refused the refresh token.</exception>
    public Task<string> RenewAsync(int userId, string rejectedAccessToken, CancellationToken cancellationToken) =>
        RefreshOnceAsync(userId, current => current.AccessToken == rejectedAccessToken, cancellationToken);

    private async Task<string> RefreshOnceAsync(int userId, Func<SpotifyTokens, bool> stillNeedsRefresh,
        CancellationToken cancellationToken)
    {
        var gate = _refreshGates.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Read again inside the gate: a refresh that ran while this call waited has replaced the tokens.
            var tokens = await LoadAsync(userId, cancellationToken);
            if (!stillNeedsRefresh(tokens))
            {
                return tokens.AccessToken;
            }

            var result = await tokenEndpoint.RefreshAsync(userId, tokens.RefreshToken, cancellationToken);
            if (result.Tokens is not { } refreshed)
            {
                await MarkNeedsReconsentAsync(userId, result.RefusedBecause!);
                throw new SpotifySignInRequiredException(userId, SpotifyTokenEndpoint.Endpoint, result.RefusedBecause!);
            }

            var renewed = new SpotifyTokens(
                refreshed.AccessToken,
                // Spotify sends a new refresh token when it retires the old one (always after a PKCE sign-in).
                refreshed.RefreshToken ?? tokens.RefreshToken,
                clock.GetUtcNow().UtcDateTime.AddSeconds(refreshed.ExpiresIn),
                refreshed.Scope ?? tokens.Scopes);
            // Not cancellable: Spotify may already have retired the old refresh token, so the new one must be kept.
            await store.SaveAsync(userId, renewed, CancellationToken.None);
            return renewed.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SpotifyTokens> LoadAsync(int userId, CancellationToken cancellationToken) =>
        await store.GetAsync(userId, cancellationToken)
        ?? throw new SpotifySignInRequiredException(userId, SpotifyTokenEndpoint.Endpoint, "no Spotify sign-in stored");

    private bool IsFresh(SpotifyTokens tokens) => tokens.ExpiresAt - clock.GetUtcNow().UtcDateTime > RefreshMargin;

    private async Task MarkNeedsReconsentAsync(int userId, string reason)
    {
        logger.LogWarning(
            "Spotify refused the refresh token of user {UserId} ({Reason}); they must sign in with Spotify again",
            userId, reason);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        // Keeps the first time it happened: pages say since when syncing stopped.
        await db.Users.Where(u => u.Id == userId && u.NeedsReconsentSince == null)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.NeedsReconsentSince, now), CancellationToken.None);
    }
}
