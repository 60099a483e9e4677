using Microsoft.AspNetCore.Antiforgery;

namespace Dashboard.Web.Api;

public static class BrowserAntiforgery
{
    /// <summary>
    /// A browser's cookie is sent by any page that posts here, so a cookie session must also show the page's
    /// antiforgery token (in the <c>RequestVerificationToken</c> header); a caller presenting its own bearer token
    /// needs none. The document shows the 400 a missing token gets.
    /// </summary>
    public static RouteHandlerBuilder RequireAntiforgeryForCookies(this RouteHandlerBuilder endpoint) =>
        endpoint.DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var cookieSession = !http.Request.Headers.Authorization.ToString()
                .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (cookieSession
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                return ApiResults.Status(StatusCodes.Status400BadRequest,
                    "The antiforgery token is missing or invalid. Reload the page and try again.");
            }
            return await next(context);
        }).ProducesDetail(StatusCodes.Status400BadRequest);
}
