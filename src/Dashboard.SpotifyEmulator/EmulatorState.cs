using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dashboard.SpotifyEmulator.Api.Player;
using Dashboard.SpotifyEmulator.Demo;
using Dashboard.SpotifyEmulator.Faults;

namespace Dashboard.SpotifyEmulator;

/// <summary>An app registered with the emulated Spotify (as on developer.spotify.com).</summary>
/// <param name="AllowAnyLoopbackRedirect">Accept any http://127.0.0.1 or localhost redirect: demo mode does not know
/// its port in advance.</param>
public sealed record EmulatedClient(string ClientId, string ClientSecret, string Name,
    IReadOnlyList<string> RedirectUris, bool AllowAnyLoopbackRedirect = false)
{
    public bool AllowsRedirect(string redirectUri)
    {
        if (RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return true;
        }
        return AllowAnyLoopbackRedirect
            && Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp
            && uri.IsLoopback;
    }
}

/// <summary>A Spotify account in the emulator; <see cref="Listener"/> gives it a listening history.</summary>
public sealed record EmulatedUser(
    string Id,
    string AccountId,
    string DisplayName,
    string? Email,
    string Country,
    string Product,
    DemoListener? Listener,
    DateTime HistoryStart);

/// <summary>
/// An account to add with a generated listening history of its own: another seed gives another listener (and
/// library). A <c>"free"</c> product makes a user whose player commands answer PREMIUM_REQUIRED.
/// </summary>
public sealed record NewListener(string Id, string DisplayName, int Seed)
{
    /// <summary>"premium" or "free". Defaults to premium.</summary>
    public string Product { get; init; } = "premium";

    /// <summary>Defaults to DE.</summary>
    public string Country { get; init; } = "DE";

    /// <summary>IANA id of the zone the listener lives in. Defaults to Europe/Berlin.</summary>
    public string TimeZone { get; init; } = "Europe/Berlin";

    /// <summary>Days of listening history; defaults to three years.</summary>
    public int HistoryDays { get; init; } = 3 * 365;
}

/// <summary>
/// Everything the emulator remembers: apps, accounts, codes, tokens, player commands and faults. Thread-safe.
/// </summary>
public sealed class EmulatorState
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Refresh tokens stop working this long after the user's first consent to an app, whatever sign-ins follow.
    /// </summary>
    public const int ConsentLifetimeMonths = 6;

    private readonly ConcurrentDictionary<string, EmulatedClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EmulatedUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AccessGrant> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string UserId, string ClientId), DateTime> _consents = new();
    private readonly ConcurrentDictionary<string, PlayerControl> _players = new(StringComparer.Ordinal);

    public EmulatorState(TimeProvider clock, DemoCatalog catalog)
    {
        Clock = clock;
        Catalog = catalog;
    }

    public TimeProvider Clock { get; }
    public DemoCatalog Catalog { get; }

    /// <summary>Failures to inject into the next Web API calls.</summary>
    public EmulatorFaults Faults { get; } = new();

    public IReadOnlyCollection<EmulatedUser> Users => _users.Values.OrderBy(u => u.DisplayName).ToList();

    public void RegisterClient(EmulatedClient client) => _clients[client.ClientId] = client;

    public EmulatedClient? FindClient(string? clientId) =>
        clientId is null ? null : _clients.GetValueOrDefault(clientId);

    public EmulatedUser AddUser(EmulatedUser user) => _users[user.Id] = user;

    public EmulatedUser? FindUser(string? id) => id is null ? null : _users.GetValueOrDefault(id);

    /// <summary>Adds an account with its own generated history, e.g. a second listener or a free one.</summary>
    /// <exception cref="ArgumentException">The id is taken, or the time zone is unknown.</exception>
    public EmulatedUser AddListener(NewListener listener)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(listener.HistoryDays, nameof(listener));
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(listener.TimeZone, out var found)
            ? found
            : throw new ArgumentException($"Unknown time zone '{listener.TimeZone}'.", nameof(listener));
        var user = new EmulatedUser(listener.Id, AccountIdFor(listener.Id), listener.DisplayName,
            $"{listener.Id}@example.com",
            listener.Country, listener.Product, new DemoListener(Catalog, listener.Seed, zone),
            Now.AddDays(-listener.HistoryDays));
        return _users.TryAdd(user.Id, user) ? user
            : throw new ArgumentException($"User '{listener.Id}' exists already.", nameof(listener));
    }

    internal string IssueCode(PendingCode pending)
    {
        var code = RandomToken("AQ", 96);
        _codes[code] = pending with { ExpiresAt = Now + CodeLifetime };
        return code;
    }

    /// <summary>Takes a code out: a code can be redeemed once, even when the attempt fails.</summary>
    internal PendingCode? RedeemCode(string code) =>
        _codes.TryRemove(code, out var pending) && pending.ExpiresAt > Now ? pending : null;

    internal IssuedTokens IssueTokens(string userId, string clientId, string scopes, bool singleUseRefresh)
    {
        var access = RandomToken("BQ", 150);
        var refresh = RandomToken("AQ", 130);
        var expiresAt = Now + AccessTokenLifetime;
        _accessTokens[access] = new AccessGrant(userId, clientId, scopes, expiresAt);
        // A sign-in keeps the consent it finds; only one after the consent ran out starts a new one.
        var consentedAt = _consents.AddOrUpdate((userId, clientId), Now,
            (_, first) => Now >= first.AddMonths(ConsentLifetimeMonths) ? Now : first);
        _refreshTokens[refresh] = new RefreshGrant(userId, clientId, scopes, singleUseRefresh, consentedAt);
        return new IssuedTokens(access, refresh, scopes, (int)AccessTokenLifetime.TotalSeconds);
    }

    /// <summary>
    /// Exchanges a refresh token. Refresh tokens from a PKCE sign-in are single use and replaced; others stay
    /// valid and the response omits <c>refresh_token</c>, as Spotify does.
    /// </summary>
    internal RefreshOutcome Refresh(string refreshToken, string clientId)
    {
        if (!_refreshTokens.TryGetValue(refreshToken, out var grant) || grant.ClientId != clientId)
        {
            return new RefreshOutcome(null, "Invalid refresh token");
        }
        if (grant.Revoked || Now >= grant.ConsentedAt.AddMonths(ConsentLifetimeMonths))
        {
            return new RefreshOutcome(null, "Refresh token revoked");
        }
        var access = RandomToken("BQ", 150);
        _accessTokens[access] = new AccessGrant(grant.UserId, clientId, grant.Scopes, Now + AccessTokenLifetime);
        string? replacement = null;
        if (grant.SingleUse)
        {
            _refreshTokens.TryRemove(refreshToken, out _);
            replacement = RandomToken("AQ", 130);
            _refreshTokens[replacement] = grant;
        }
        return new RefreshOutcome(
            new IssuedTokens(access, replacement, grant.Scopes, (int)AccessTokenLifetime.TotalSeconds), null);
    }

    internal AccessGrant? FindAccessToken(string token) => _accessTokens.GetValueOrDefault(token);

    /// <summary>
    /// Makes every refresh token of the user fail with "Refresh token revoked" (the user removed the app).
    /// </summary>
    public void RevokeRefreshTokens(string userId)
    {
        foreach (var (token, grant) in _refreshTokens)
        {
            if (grant.UserId == userId)
            {
                _refreshTokens[token] = grant with { Revoked = true };
            }
        }
    }

    /// <summary>Expires the user's access tokens now, so the next API call gets 401.</summary>
    public void ExpireAccessTokens(string userId)
    {
        foreach (var (token, grant) in _accessTokens)
        {
            if (grant.UserId == userId)
            {
                _accessTokens[token] = grant with { ExpiresAt = Now.AddSeconds(-1) };
            }
        }
    }

    internal DateTime Now => Clock.GetUtcNow().UtcDateTime;

    internal PlayerControl PlayerOf(string userId) => _players.GetOrAdd(userId, _ => new PlayerControl());

    /// <summary>A stable, opaque account id, like Spotify's, derived from the user id.</summary>
    private static string AccountIdFor(string userId) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId)))[..11];

    private static string RandomToken(string prefix, int length) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(length * 3 / 4))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=')[..(length - prefix.Length)];
}

internal sealed record PendingCode(string ClientId, string RedirectUri, string UserId, string Scopes,
    string? CodeChallenge, DateTime ExpiresAt);

internal sealed record AccessGrant(string UserId, string ClientId, string Scopes, DateTime ExpiresAt);

internal sealed record RefreshGrant(string UserId, string ClientId, string Scopes, bool SingleUse, DateTime ConsentedAt,
    bool Revoked = false);

internal sealed record IssuedTokens(string AccessToken, string? RefreshToken, string Scopes, int ExpiresIn);

internal sealed record RefreshOutcome(IssuedTokens? Tokens, string? Error);
