using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

/// <summary>
/// A personal token as the Settings page lists it; the secret itself is never stored, so never listed.
/// </summary>
public sealed record ApiTokenSummary(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt);

/// <summary>What asking for a new token came to.</summary>
public abstract record ApiTokenCreation
{
    private ApiTokenCreation()
    {
    }

    /// <summary>The token: <see cref="Secret"/> is shown once and cannot be read back.</summary>
    public sealed record Created(ApiTokenSummary Token, string Secret) : ApiTokenCreation;

    /// <summary>No token: the name is unusable or taken, or the user has too many.</summary>
    public sealed record Refused(string Reason, ApiTokenRefusal Why) : ApiTokenCreation;
}

/// <summary>Why a new token was refused.</summary>
public enum ApiTokenRefusal
{
    /// <summary>The name is empty or too long.</summary>
    InvalidName,

    /// <summary>A live token of the user's has the name already: two of one name could not be told apart.</summary>
    DuplicateName,

    /// <summary>The user has <see cref="ApiTokens.MaxActivePerUser"/> live tokens.</summary>
    TooMany,
}

/// <summary>Whose token a request carries.</summary>
public sealed record ApiTokenOwner(int UserId, int TokenId, string SpotifyId, string DisplayName);

/// <summary>
/// Personal tokens for the JSON API: created with a name, listed, revoked, and checked on every API request.
/// Only a SHA-256 hash of each token is kept. Tokens are 32 random bytes, so a plain hash (no salt, no slow KDF)
/// cannot be brute-forced and lets a request find its token by an indexed equality.
/// </summary>
public class ApiTokens(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Every token starts with this, so secret scanners and people can tell what it is.</summary>
    public const string SecretPrefix = "dash_";

    public const int MaxNameLength = 100;

    /// <summary>A user with more live tokens than this has forgotten what they are for.</summary>
    public const int MaxActivePerUser = 25;

    /// <summary>
    /// How stale "last used" may be: recording every request would write to the database on every read.
    /// </summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const int ShownPrefixLength = 12;

    /// <summary>The user's tokens that still work, newest first.</summary>
    public virtual async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Creates a token named <paramref name="name"/>; refused when the name is empty or too long, when one of the
    /// user's live tokens has it already (in any case), or when the user has too many.
    /// </summary>
    public virtual async Task<ApiTokenCreation> CreateAsync(int userId, string name,
        CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            return new ApiTokenCreation.Refused($"A token needs a name of 1 to {MaxNameLength} characters.",
                ApiTokenRefusal.InvalidName);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lower = trimmed.ToLowerInvariant();
        // ToLower runs in the database as SQL lower(), where .NET's culture has no say.
#pragma warning disable CA1304, CA1311, CA1862
        if (await db.ApiTokens.AnyAsync(t => t.UserId == userId && t.RevokedAt == null && t.Name.ToLower() == lower,
            cancellationToken))
#pragma warning restore CA1304, CA1311, CA1862
        {
            return new ApiTokenCreation.Refused(
                $"You already have a token named \"{trimmed}\". Give this one another name, or revoke that one first.",
                ApiTokenRefusal.DuplicateName);
        }
        if (await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null,
            cancellationToken) >= MaxActivePerUser)
        {
            return new ApiTokenCreation.Refused(
                $"You already have {MaxActivePerUser} tokens. Revoke one you no longer use first.",
                ApiTokenRefusal.TooMany);
        }
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            Name = trimmed,
            TokenHash = Hash(secret),
            Prefix = secret[..ShownPrefixLength],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new ApiTokenCreation.Created(
            new ApiTokenSummary(token.Id, token.Name, token.Prefix, token.CreatedAt, null), secret);
    }

    /// <summary>Revokes one of the user's tokens; false when the user has no such live token.</summary>
    public virtual async Task<bool> RevokeAsync(int userId, int tokenId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken) == 1;
    }

    /// <summary>The owner of a live token, recording its use; null for an unknown or revoked token.</summary>
    public virtual async Task<ApiTokenOwner?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Join(db.Users, t => t.UserId, u => u.Id,
                (t, u) => new { t.Id, t.UserId, t.LastUsedAt, u.SpotifyId, u.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (found.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await db.ApiTokens.Where(t => t.Id == found.Id)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        }
        return new ApiTokenOwner(found.UserId, found.Id, found.SpotifyId, found.DisplayName);
    }

    /// <summary>Lower-case hex SHA-256 of the whole token, as stored.</summary>
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
