using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Dashboard.Core.Formatting;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Dashboard.Web.Platform;

/// <summary>How many JSON API requests one user (or, signed out, one address) may make per window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 100;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Limits the JSON API, and anything called with a bearer token, per signed-in user, or per client address for
/// callers not signed in. Pages and their circuits are not limited: they are one person's browser.
/// </summary>
public static class ApiRateLimiting
{
    public static void Configure(RateLimiterOptions limiter, RateLimitOptions limits)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsLimited(context)
                ? RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
        limiter.OnRejected = async (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? (int)Math.Ceiling(wait.TotalSeconds)
                : limits.WindowSeconds;
            rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await ApiError.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                $"Too many requests: at most {limits.PermitLimit} every " +
                $"{Figures.Count(limits.WindowSeconds, "second")}. " +
                $"Try again in {Figures.Count(retryAfter, "second")}.");
        };
    }

    private static bool IsLimited(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api/v1")
            || ApiTokenAuthentication.BearerToken(context.Request) is not null;

    /// <summary>The user once authentication has run (cookie or token), else the client's address.</summary>
    private static string PartitionKey(HttpContext context) =>
        context.User.UserId() is { } userId
            ? $"user:{userId.ToString(CultureInfo.InvariantCulture)}"
            : $"ip:{context.Connection.RemoteIpAddress}";
}
