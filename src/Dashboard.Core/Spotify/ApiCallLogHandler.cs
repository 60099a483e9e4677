using System.Data.Common;
using System.Diagnostics;
using Dashboard.Core.Data;
using Dashboard.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Spotify;

/// <summary>
/// Writes every attempt at a Spotify call to <c>api_calls</c>: it sits inside the resilience handler, so retries, 429s,
/// 5xx and timeouts each leave a row. Only the endpoint template, status, timing and Spotify's error text are kept;
/// never a token or a query string.
/// </summary>
internal sealed class ApiCallLogHandler(
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    ILogger<ApiCallLogHandler> logger) : DelegatingHandler
{
    private const int MaxErrorLength = 300;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var call = SpotifyCall.Of(request);
        var calledAt = clock.GetUtcNow();
        // Latency is real elapsed time, whatever the application clock says.
        var stopwatch = Stopwatch.StartNew();
        HttpResponseMessage? response = null;
        string? failure = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                failure = (await SpotifyErrorBody.ReadAsync(response, cancellationToken)).Summary;
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            response?.Dispose();
            var error = e is OperationCanceledException
                ? $"No answer within {stopwatch.ElapsedMilliseconds} ms (timed out or cancelled)"
                : e.Message;
            await WriteAsync(call, request.Method, calledAt, stopwatch.Elapsed, status: null, retryAfter: null, error);
            throw;
        }

        await WriteAsync(call, request.Method, calledAt, stopwatch.Elapsed, (int)response.StatusCode,
            RetryAfter.Of(response, calledAt), failure);
        return response;
    }

    private async Task WriteAsync(SpotifyCall call, HttpMethod method, DateTimeOffset calledAt, TimeSpan latency,
        int? status,
        TimeSpan? retryAfter, string? error)
    {
        logger.LogDebug("Spotify {Service} {Method} {Endpoint} for user {UserId}: {Status} in {LatencyMs} ms",
            call.Service, method.Method, call.Endpoint, call.UserId, status, (int)latency.TotalMilliseconds);
        DashboardMetrics.SpotifyCalled(call.Endpoint, status, latency);
        try
        {
            // Not cancellable: an attempt that timed out or was cancelled is exactly what the log must show.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.ApiCalls.Add(new ApiCall
            {
                UserId = call.UserId,
                Service = call.Service,
                Method = method.Method,
                Endpoint = call.Endpoint,
                StatusCode = status,
                LatencyMs = (int)latency.TotalMilliseconds,
                RetryAfterSeconds = retryAfter is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null,
                Error = string.IsNullOrEmpty(error) ? null : error.Length <= MaxErrorLength ? error
                    : error[..MaxErrorLength],
                CalledAt = calledAt.UtcDateTime,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            // The call itself went through; losing its log row must not fail the sync or the player.
            logger.LogError(e, "Could not log Spotify {Service} call {Method} {Endpoint} for user {UserId}",
                call.Service, method.Method, call.Endpoint, call.UserId);
        }
    }
}
