using System.Text.Json;
using Dashboard.SpotifyEmulator.Api;
using Microsoft.AspNetCore.Http;

namespace Dashboard.SpotifyEmulator;

/// <summary>
/// Shared by the <c>/_emulator</c> endpoints, which tests and tools use to steer the emulator over HTTP.
/// </summary>
internal static class ControlResults
{
    public static IResult Problem(string message, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error = message }, statusCode: status);

    /// <summary>
    /// Lets through only requests addressed to the emulator by its own loopback address or name and port. A web page
    /// whose host name is rebound to 127.0.0.1 reaches this port from the user's browser as if it were the page's
    /// own server, but its requests name that host: refused, it cannot add users or inject faults. The accounts and
    /// Web API endpoints need no such check: they act only for a caller with an authorization code or a token, and
    /// such a page can read neither (the consent sends its code to a loopback redirect, another origin than the page).
    /// </summary>
    public static async ValueTask<object?> OwnHostOnly(EndpointFilterInvocationContext context,
        EndpointFilterDelegate next)
    {
        var port = context.HttpContext.Connection.LocalPort;
        var host = context.HttpContext.Request.Host;
        var ownHost = host.Port == port
                      && (host.Host == "127.0.0.1"
                          || string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase));
        return ownHost
            ? await next(context)
            : Problem($"Only requests addressed to 127.0.0.1:{port} or localhost:{port} may steer the emulator.",
                StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// The request body as <typeparamref name="T"/> (snake_case), or null when it is missing or not JSON.
    /// </summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request) where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(ApiJson.Options, request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
