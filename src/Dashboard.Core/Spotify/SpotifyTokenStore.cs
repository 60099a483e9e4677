using Dashboard.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Spotify;

/// <summary>Keeps each user's Spotify tokens, encrypted at rest with ASP.NET Data Protection.</summary>
public sealed class SpotifyTokenStore(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    TimeProvider clock)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Dashboard.SpotifyTokens.v1");

    /// <summary>
    /// Stores the tokens of a sign-in: a new authorization, and a new consent once the last one's six months are over.
    /// </summary>
    public Task SaveAuthorizationAsync(int userId, SpotifyTokens tokens, CancellationToken cancellationToken) =>
        SaveAsync(userId, tokens, authorized: true, cancellationToken);

    /// <summary>Stores refreshed tokens; the authorization they come from is unchanged.</summary>
    public Task SaveAsync(int userId, SpotifyTokens tokens, CancellationToken cancellationToken) =>
        SaveAsync(userId, tokens, authorized: false, cancellationToken);

    private async Task SaveAsync(int userId, SpotifyTokens tokens, bool authorized, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.SpotifyTokens.SingleOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new SpotifyToken
            {
                UserId = userId,
                ProtectedAccessToken = "",
                ProtectedRefreshToken = "",
                Scopes = "",
                FirstConsentAt = now,
                AuthorizedAt = now,
            };
            db.SpotifyTokens.Add(row);
        }
        row.ProtectedAccessToken = _protector.Protect(tokens.AccessToken);
        row.ProtectedRefreshToken = _protector.Protect(tokens.RefreshToken);
        row.AccessTokenExpiresAt = tokens.ExpiresAt;
        row.Scopes = tokens.Scopes;
        row.UpdatedAt = now;
        if (authorized)
        {
            row.AuthorizedAt = now;
            // Spotify counts the six months from the first consent, which a later sign-in does not renew; only a
            // consent given after they ran out starts a new six months.
            if (now >= row.FirstConsentAt.AddMonths(SpotifyToken.RefreshTokenLifetimeMonths))
            {
                row.FirstConsentAt = now;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The user's tokens in clear, or null when the user never connected Spotify.</summary>
    public async Task<SpotifyTokens?> GetAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.SpotifyTokens.AsNoTracking()
            .SingleOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        return row is null
            ? null
            : new SpotifyTokens(
                _protector.Unprotect(row.ProtectedAccessToken),
                _protector.Unprotect(row.ProtectedRefreshToken),
                row.AccessTokenExpiresAt,
                row.Scopes);
    }
}
