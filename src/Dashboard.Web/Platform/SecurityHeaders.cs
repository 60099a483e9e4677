using System.Security.Cryptography;
using Dashboard.Core.Spotify;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Platform;

/// <summary>
/// The headers every response carries: a content security policy, no MIME sniffing, no referrer, and no framing by
/// other sites. Pages get a policy that Blazor, MudBlazor and ApexCharts work under; API and OpenAPI answers, which
/// are never rendered as documents, get one that allows nothing.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SpotifyOptions> spotify)
{
    private const string NonceKey = "csp-nonce";

    private const string JsonPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The nonce of this response's policy, for the one inline script a page has: Blazor's import map. Everything
    /// else the pages run is a file of this site.
    /// </summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }
        return nonce;
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers.ContentSecurityPolicy = IsDocument(context) ? PagePolicy(context) : JsonPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsDocument(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/openapi");

    /// <summary>
    /// Scripts: this site's files and the nonce'd import map. Styles allow inline, as MudBlazor and ApexCharts set
    /// style attributes and MudBlazor writes its theme into a style element. Images: artwork comes from Spotify's
    /// image servers (https) or, in demo mode, from the emulator. The circuit's WebSocket goes to this host. Spotify's
    /// accounts server is reachable too: "Sign in with Spotify" is a link that Blazor first follows with an opaque
    /// (no-cors) fetch, and only when that ends at another origin does it navigate there; blocked, the link does
    /// nothing.
    /// </summary>
    private string PagePolicy(HttpContext context)
    {
        var host = context.Request.Host.Value;
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{Nonce(context)}'",
            "style-src 'self' 'unsafe-inline'",
            $"img-src 'self' data: blob: https: {Origin(spotify.Value.ApiBaseUrl)}",
            "font-src 'self' data:",
            $"connect-src 'self' ws://{host} wss://{host} {Origin(spotify.Value.AccountsBaseUrl)}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    private static string Origin(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri)
        ? uri.GetLeftPart(UriPartial.Authority) : "";
}
