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

    /// <summary>Stores new tokens. The first-consent time is kept across sign-ins: Spotify counts from it.</summary>
    public async Task SaveAsync(int userId, SpotifyTokens tokens, CancellationToken cancellationToken)
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
            };
            db.SpotifyTokens.Add(row);
        }
        row.ProtectedAccessToken = _protector.Protect(tokens.AccessToken);
        row.ProtectedRefreshToken = _protector.Protect(tokens.RefreshToken);
        row.AccessTokenExpiresAt = tokens.ExpiresAt;
        row.Scopes = tokens.Scopes;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The user's tokens in clear, or null when the user never connected Spotify.</summary>
    public async Task<SpotifyTokens?> GetAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.SpotifyTokens.AsNoTracking().SingleOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        return row is null
            ? null
            : new SpotifyTokens(
                _protector.Unprotect(row.ProtectedAccessToken),
                _protector.Unprotect(row.ProtectedRefreshToken),
                row.AccessTokenExpiresAt,
                row.Scopes);
    }
}
