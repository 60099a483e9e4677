using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Platform;

/// <summary>
/// The JSON API's answers when something goes wrong below the endpoint: 503 with <c>Retry-After</c> when the database
/// cannot be reached, 500 without internals for anything else (the log has them, under the request id), a request the
/// server refused as such (too large, malformed) with its own status, and <c>{"detail": ...}</c> for every error status
/// answered without a body (an address that is no endpoint, a method it does not take). Pages keep their own error and
/// not-found pages.
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
            // No body was given (none has a type): routing refused the request (no such address, a method or body type
            // the address does not take) or an endpoint set a status alone. A server may hold back a written body, so
            // HasStarted alone does not tell.
            if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentType: null,
                ContentLength: null or 0 })
            {
                await ApiError.WriteAsync(context, context.Response.StatusCode, Detail(context));
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiError.WriteAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request's body is larger than this address takes."
                : "The request could not be read: check its headers and body.");
        }
        catch (Exception e) when (!context.Response.HasStarted
            && !(e is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            context.Response.Clear();
            if (IsDatabaseUnavailable(e))
            {
                logger.LogError(e, "The database could not be reached while answering {Method} {Path}",
                    context.Request.Method, context.Request.Path.Value);
                context.Response.Headers.RetryAfter =
                    RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiError.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                    "Service temporarily unavailable");
                return;
            }
            logger.LogError(e, "Unhandled error answering {Method} {Path}", context.Request.Method,
                context.Request.Path.Value);
            await ApiError.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error");
        }
    }

    /// <summary>What an error status answered without a body means, in the words of the API's other errors.</summary>
    private static string Detail(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed =>
            $"{context.Request.Method} is not allowed here: this address takes {context.Response.Headers.Allow}",
        StatusCodes.Status415UnsupportedMediaType =>
            $"This address does not take a body of type " +
            $"{(string.IsNullOrEmpty(context.Request.ContentType) ? "(none)" : context.Request.ContentType)}: " +
            "/openapi/v1.json says what it takes",
        var status => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error",
    };

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
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError
                    or SqliteCorrupt
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
