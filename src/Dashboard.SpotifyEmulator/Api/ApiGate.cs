using System.Globalization;
using Dashboard.SpotifyEmulator.Faults;
using Dashboard.SpotifyEmulator.Limits;
using Microsoft.AspNetCore.Http;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>
/// Stands in front of every <c>/v1</c> call in the order Spotify's own failures come: the bearer token (401),
/// the app's daily quota and rolling rate limit (429), then whatever fault a test injected.
/// </summary>
internal sealed class ApiGate(EmulatorState state, DailyQuota quota, RollingRateLimit rateLimit)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }

        var (caller, refusal) = Authenticate(context.Request);
        if (caller is null)
        {
            await refusal!.ExecuteAsync(context);
            return;
        }
        if (quota.TryAdmit(caller.ClientId) is { } untilReset)
        {
            await TooManyRequests(context, untilReset, "Daily request quota exceeded", "QUOTA_EXCEEDED");
            return;
        }
        if (rateLimit.TryAdmit(caller.ClientId) is { } wait)
        {
            await TooManyRequests(context, wait, "API rate limit exceeded");
            return;
        }

        var fault = state.Faults.TakeFor(context.Request.Path.Value!, caller.User.Id);
        switch (fault?.Kind)
        {
            case FaultKind.TooManyRequests:
                await TooManyRequests(context, TimeSpan.FromSeconds(fault.RetryAfterSeconds),
                    "API rate limit exceeded");
                return;
            case FaultKind.ServerError:
                await ApiErrors.Error(fault.Status, ServerErrorMessage(fault.Status)).ExecuteAsync(context);
                return;
            case FaultKind.QuotaExceeded:
                await TooManyRequests(context, state.Now.Date.AddDays(1) - state.Now, "Daily request quota exceeded",
                    "QUOTA_EXCEEDED");
                return;
            case FaultKind.Forbidden:
                await ApiErrors.Error(StatusCodes.Status403Forbidden, "Forbidden").ExecuteAsync(context);
                return;
            case FaultKind.Delay:
                try
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // The client gave up waiting, which is what the delay is for.
                }
                break;
        }

        (caller with { NullTrackItems = fault?.Kind == FaultKind.NullTracks }).Attach(context);
        await next(context);
    }

    private (ApiCaller? Caller, IResult? Refusal) Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (null, ApiErrors.Error(StatusCodes.Status401Unauthorized, "No token provided"));
        }
        var grant = state.FindAccessToken(header["Bearer ".Length..].Trim());
        if (grant is null)
        {
            return (null, ApiErrors.Error(StatusCodes.Status401Unauthorized, "Invalid access token"));
        }
        if (grant.ExpiresAt <= state.Now)
        {
            return (null, ApiErrors.Error(StatusCodes.Status401Unauthorized, "The access token expired"));
        }
        var user = state.FindUser(grant.UserId);
        return user is null
            ? (null, ApiErrors.Error(StatusCodes.Status401Unauthorized, "Invalid access token"))
            : (new ApiCaller(user, grant.ClientId, NullTrackItems: false), null);
    }

    private static Task TooManyRequests(HttpContext context, TimeSpan retryAfter, string message, string? reason = null)
    {
        // Whole seconds, rounded up, so a client that waits exactly Retry-After is never early.
        var seconds = (long)Math.Ceiling(Math.Max(0, retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiErrors.Error(StatusCodes.Status429TooManyRequests, message, reason).ExecuteAsync(context);
    }

    private static string ServerErrorMessage(int status) => status switch
    {
        StatusCodes.Status502BadGateway => "Bad gateway.",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        _ => "Server error.",
    };
}
