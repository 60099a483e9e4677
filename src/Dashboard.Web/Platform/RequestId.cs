using System.Text.RegularExpressions;

namespace Dashboard.Web.Platform;

/// <summary>
/// Gives every request an id, answered in <c>X-Request-ID</c> and carried by every log line written while the request
/// runs, so a caller's report ("request 7f3a... failed") finds its logs. A caller's own id is kept when it is a
/// plausible one, so ids can follow a request through a proxy or a script.
/// </summary>
public sealed partial class RequestId(RequestDelegate next, ILogger<RequestId> logger)
{
    public const string Header = "X-Request-ID";

    public async Task InvokeAsync(HttpContext context)
    {
        var id = context.Request.Headers[Header].ToString() is { } offered && Acceptable().IsMatch(offered)
            ? offered
            : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id }))
        {
            await next(context);
        }
    }

    /// <summary>Short and plain, so a caller cannot put line breaks or markup into our logs and headers.</summary>
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Acceptable();
}
