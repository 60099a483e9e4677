using System.Diagnostics;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Platform;

/// <summary>
/// One structured log line per request: method, path, status, time, user and how they signed in. The query string
/// and headers are left out on purpose: they carry bearer tokens, cookies and signed download links.
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = failed
                && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError
                : context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Warning : LogLevel.Information;
            logger.Log(level,
                "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms for user {UserId} " +
                "({Authentication}), request {RequestId}",
                context.Request.Method, context.Request.Path.Value, status, elapsed, context.User.UserId(),
                Authentication(context), context.TraceIdentifier);
        }
    }

    private static string Authentication(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true ? "anonymous"
        : context.User.HasClaim(c => c.Type == ApiTokenAuthentication.TokenIdClaim) ? "token"
        : "cookie";
}
