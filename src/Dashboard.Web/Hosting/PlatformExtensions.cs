using Dashboard.Web.Api;
using Dashboard.Web.Platform;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// What a web service is expected to have: limits, timeouts, compression, request ids, security headers, logs, OpenAPI,
/// health checks.
/// </summary>
public static class PlatformExtensions
{
    public static IServiceCollection AddDashboardPlatform(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
                ApiRateLimiting.Configure(limiter, limits.Value));

        services.AddOptions<RequestTimeLimitOptions>().BindConfiguration(RequestTimeLimitOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRequestTimeouts();
        services.AddOptions<Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutOptions>()
            .Configure<IOptions<RequestTimeLimitOptions>>((timeouts, configured) =>
            {
                timeouts.DefaultPolicy = TimeoutPolicy(configured.Value.DefaultSeconds);
                timeouts.AddPolicy(RequestTimeLimitOptions.LongPolicy, TimeoutPolicy(configured.Value.LongSeconds));
            });

        services.AddResponseCompression(options =>
        {
            // JSON only: pages are small and their static files are precompressed at build time. Over HTTPS too, as
            // no JSON answer mixes a secret with text a third party chooses, which is what compression attacks need.
            options.EnableForHttps = true;
            options.MimeTypes = ["application/json", "application/problem+json"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });

        services.AddOpenApi(options => ApiDocument.Configure(options));
        services.AddDashboardHealthChecks();
        return services;
    }

    /// <summary>
    /// The request id (answered and logged) and one log line per request; first, so errors carry both.
    /// </summary>
    public static IApplicationBuilder UseRequestDiagnostics(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestId>().UseMiddleware<RequestLogging>();

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeaders>();

    /// <summary>JSON errors for the API; inside the status code pages, which it turns off for API requests.</summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) => app.UseMiddleware<ApiErrors>();

    private static RequestTimeoutPolicy TimeoutPolicy(int seconds) => new()
    {
        Timeout = TimeSpan.FromSeconds(seconds),
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context => context.Request.Path.StartsWithSegments("/api")
            ? ApiError.WriteAsync(context, StatusCodes.Status504GatewayTimeout,
                "The request took too long and was stopped")
            : Task.CompletedTask,
    };
}
