using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Platform;

/// <summary>
/// The JSON API's answers when something goes wrong below the endpoint: 503 with <c>Retry-After</c> when the database
/// cannot be reached, 500 without internals for anything else (the log has them, under the request id), and a JSON
/// 404 for an address that is no endpoint. Pages keep their own error and not-found pages.
/// </summary>
public sealed class ApiErrors(RequestDelegate next, ILogger<ApiErrors> logger)
{
    /// <summary>How long a caller should wait before trying again while the database is away.</summary>
    public const int RetryAfterSeconds = 30;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        // An API caller reads JSON, never the HTML not-found page.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
        try
        {
            await next(context);
            if (context.Response is { StatusCode: StatusCodes.Status404NotFound, HasStarted: false } && context.GetEndpoint() is null)
            {
                await context.Response.WriteAsJsonAsync(new { detail = "Not found" });
            }
        }
        catch (Exception e) when (!context.Response.HasStarted && !(e is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            context.Response.Clear();
            if (IsDatabaseUnavailable(e))
            {
                logger.LogError(e, "The database could not be reached while answering {Method} {Path}", context.Request.Method, context.Request.Path.Value);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsJsonAsync(new { detail = "Service temporarily unavailable" });
                return;
            }
            logger.LogError(e, "Unhandled error answering {Method} {Path}", context.Request.Method, context.Request.Path.Value);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { detail = "Internal server error" });
        }
    }

    /// <summary>
    /// Whether the database itself is away (cannot be opened, locked past the busy timeout, out of disk, a lost
    /// connection), as opposed to a bug in a query, which is a 500.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCorrupt
                    or SqliteFull or SqliteCantOpen or SqliteNotADatabase or SqliteReadOnly:
                case DbException { IsTransient: true }:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }

    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;
}
