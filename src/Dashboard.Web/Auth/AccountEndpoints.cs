using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Auth;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();

        // "Sign in with Spotify": hands over to Spotify (or the emulator), which comes back to /signin-spotify.
        account.MapGet("/login", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) },
            [SpotifyAuthentication.Scheme]));

        // The antiforgery middleware only records its verdict for an endpoint that binds no form, so the endpoint
        // acts on it itself: otherwise any site could sign a visitor out.
        account.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            var valid = context.Features.Get<IAntiforgeryValidationFeature>()?.IsValid
                ?? await antiforgery.IsRequestValidAsync(context);
            if (!valid)
            {
                return Results.Text("The sign-out form has expired. Reload the page and sign out again.",
                    statusCode: StatusCodes.Status400BadRequest);
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin?signedOut=true");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

        return app;
    }

    /// <summary>
    /// Only paths on this site, so the sign-in cannot be used to send anyone elsewhere; anything else goes home. The
    /// framework's check refuses <c>//host</c>, <c>/\host</c> and control characters too, which browsers drop
    /// (<c>/%09/host</c> becomes <c>//host</c>) or which cannot be put in a Location header. A virtual path
    /// (<c>~/</c>), which it allows, means nothing to a browser and goes home as well.
    /// </summary>
    internal static string LocalOnly(string? url) =>
        RedirectHttpResult.IsLocalUrl(url) && url.StartsWith('/') ? url : "/";
}
