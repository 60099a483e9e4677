using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

/// <summary>A user's profile and preferences, as the Settings page shows them.</summary>
public sealed record AccountSettings(
    int Id,
    string SpotifyId,
    string DisplayName,
    string? Email,
    string? ImageUrl,
    string? Product,
    string? Country,
    string TimeZone,
    bool TimeZoneChosen,
    PlayCountRule PlayCountRule,
    DateTime? NeedsReconsentSince,
    DateTime CreatedAt);

/// <summary>The user as the sign-in cookie carries it.</summary>
public sealed record SignedInUser(int Id, string SpotifyId, string DisplayName, string? ImageUrl, bool IsNew);

/// <summary>Creates and updates users as they sign in with Spotify.</summary>
public class UserAccounts(
    IDbContextFactory<DashboardDbContext> dbFactory,
    SpotifyTokenStore tokenStore,
    TimeProvider clock)
{
    /// <summary>Upserts the user from their Spotify profile and stores the tokens of this sign-in.</summary>
    public async Task<SignedInUser> SignInAsync(SpotifyProfile profile, SpotifyTokens tokens,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // Spotify asks apps to link accounts by the immutable account id; the user id is the fallback.
        var user = profile.AccountId is { } accountId
            ? await db.Users.SingleOrDefaultAsync(u => u.AccountId == accountId, cancellationToken)
            : null;
        user ??= await db.Users.SingleOrDefaultAsync(u => u.SpotifyId == profile.Id, cancellationToken);
        var isNew = user is null;
        if (user is null)
        {
            user = new User { SpotifyId = profile.Id, DisplayName = profile.Id, CreatedAt = now };
            db.Users.Add(user);
        }
        user.SpotifyId = profile.Id;
        user.AccountId = profile.AccountId ?? user.AccountId;
        user.DisplayName = string.IsNullOrWhiteSpace(profile.DisplayName) ? profile.Id : profile.DisplayName;
        user.Email = profile.Email;
        user.Country = profile.Country;
        user.Product = profile.Product;
        user.ImageUrl = profile.ImageUrl;
        user.LastLoginAt = now;
        user.NeedsReconsentSince = null;
        await db.SaveChangesAsync(cancellationToken);

        await tokenStore.SaveAuthorizationAsync(user.Id, tokens, cancellationToken);
        return new SignedInUser(user.Id, user.SpotifyId, user.DisplayName, user.ImageUrl, isNew);
    }

    public virtual async Task<AccountSettings> GetSettingsAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u =>
                new AccountSettings(u.Id, u.SpotifyId, u.DisplayName, u.Email, u.ImageUrl, u.Product, u.Country,
                    u.TimeZone,
                u.TimeZoneSetAt != null, u.PlayCountRule, u.NeedsReconsentSince, u.CreatedAt))
            .SingleAsync(cancellationToken);
    }

    /// <summary>The zone the user's days and hours are counted in.</summary>
    public virtual async Task<TimeZoneInfo> GetTimeZoneAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleAsync(cancellationToken);
        return TimeZones.FindOrUtc(zone);
    }

    /// <summary>Whether the user a sign-in cookie names still exists (and is the same Spotify account).</summary>
    public async Task<bool> ExistsAsync(int userId, string spotifyId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == userId && u.SpotifyId == spotifyId, cancellationToken);
    }
}
