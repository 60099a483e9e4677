using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Spotify;

/// <summary>A user's link to Spotify as the Settings page shows it.</summary>
/// <param name="GrantedScopes">What the user allowed, sorted.</param>
/// <param name="MissingScopes">What the app asks for that Spotify did not grant.</param>
/// <param name="ConnectedSince">When the user consented to the app, from which Spotify counts six months.</param>
/// <param name="AuthorizedAt">When the user last went through Spotify's authorization.</param>
/// <param name="SignInAgainBy">
/// When Spotify stops accepting the refresh token (six months after the first consent), so syncing stops until the user
/// signs in again.
/// </param>
/// <param name="NeedsSignInSince">Set once Spotify has refused the refresh token.</param>
public sealed record SpotifyConnection(
    IReadOnlyList<string> GrantedScopes,
    IReadOnlyList<string> MissingScopes,
    DateTime AccessTokenExpiresAt,
    DateTime ConnectedSince,
    DateTime AuthorizedAt,
    DateTime SignInAgainBy,
    DateTime? NeedsSignInSince)
{
    /// <summary>How long before <see cref="SignInAgainBy"/> the pages start to remind the user.</summary>
    public static readonly TimeSpan ReminderAhead = TimeSpan.FromDays(14);

    public bool SignInAgainSoon(DateTimeOffset now) => NeedsSignInSince is null
        && SignInAgainBy - now.UtcDateTime <= ReminderAhead;
}

/// <summary>What a user's Spotify sign-in allows and how long it lasts.</summary>
public class SpotifyConnections(IDbContextFactory<DashboardDbContext> dbFactory, IOptions<SpotifyOptions> options)
{
    /// <summary>The user's connection; null when they never connected Spotify.</summary>
    public virtual async Task<SpotifyConnection?> GetAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.SpotifyTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new
            {
                t.Scopes, t.AccessTokenExpiresAt, t.FirstConsentAt, t.AuthorizedAt, u.NeedsReconsentSince,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var granted = row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)
            .ToList();
        return new SpotifyConnection(
            granted,
            options.Value.Scopes.Except(granted, StringComparer.Ordinal).ToList(),
            row.AccessTokenExpiresAt,
            row.FirstConsentAt,
            row.AuthorizedAt,
            row.FirstConsentAt.AddMonths(SpotifyToken.RefreshTokenLifetimeMonths),
            row.NeedsReconsentSince);
    }

    /// <summary>Since when Spotify has refused the user's sign-in; null while it works.</summary>
    public virtual async Task<DateTime?> NeedsSignInSinceAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.NeedsReconsentSince)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
