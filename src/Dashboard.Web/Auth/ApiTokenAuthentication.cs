using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Core.Accounts;
using Dashboard.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Auth;

public static class ApiTokenAuthentication
{
    /// <summary>Personal API tokens, sent as <c>Authorization: Bearer dash_...</c>.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>The default scheme: a bearer token on an API request, the sign-in cookie otherwise.</summary>
    public const string CookieOrToken = "CookieOrToken";

    /// <summary>The principal's token id, which tells a token session from a cookie session.</summary>
    public const string TokenIdClaim = "dashboard:token_id";

    /// <summary>
    /// Which scheme answers the request: an API request with a bearer token is the token's alone (the cookie is then
    /// ignored, so a bad token never falls back to a browser session); everything else is the cookie's.
    /// </summary>
    public static string SchemeFor(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") && BearerToken(context.Request) is not null
            ? Scheme
            : CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim()
            : null;
    }
}

/// <summary>Signs an API request in as the owner of its personal token.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiTokenAuthentication.BearerToken(Request) is not { Length: > 0 } secret)
        {
            return AuthenticateResult.NoResult();
        }
        if (await tokens.AuthenticateAsync(secret, Context.RequestAborted) is not { } owner)
        {
            return AuthenticateResult.Fail("Unknown or revoked API token.");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, owner.UserId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, owner.DisplayName),
            new Claim(DashboardClaims.SpotifyId, owner.SpotifyId),
            new Claim(ApiTokenAuthentication.TokenIdClaim, owner.TokenId.ToString(CultureInfo.InvariantCulture)),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await ApiError.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            result.Failure is null ? "Not authenticated" : "Invalid or revoked API token");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.WriteAsync(Context, StatusCodes.Status403Forbidden, "Not allowed");
}
