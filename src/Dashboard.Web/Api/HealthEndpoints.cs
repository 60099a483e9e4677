using System.Reflection;
using Dashboard.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Api;

/// <summary>
/// The liveness and readiness checks, run by ASP.NET Core's health checks: liveness runs no check (the app answers),
/// readiness runs the checks tagged <see cref="ReadyTag"/>, and each writes the answer load balancers and monitors
/// read.
/// </summary>
public static class HealthEndpoints
{
    private const string ServiceName = "dashboard";
    private const string ReadyTag = "ready";

    private static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static IServiceCollection AddDashboardHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<DashboardDbContext>("database", tags: [ReadyTag],
            // A query, not only a connection: an unreadable or unmigrated database must not look ready.
            customTestQuery: async (db, cancellationToken) =>
            {
                await db.Users.AnyAsync(cancellationToken);
                return true;
            });
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/api/health",
            new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteLiveAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .AllowAnonymous();
        app.MapHealthChecks("/api/health/ready", new HealthCheckOptions
            {
                Predicate = check => check.Tags.Contains(ReadyTag),
                ResponseWriter = WriteReadyAsync,
            })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .AllowAnonymous();
        return app;
    }

    private static Task WriteLiveAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new LiveStatus("healthy", ServiceName, Version), context.RequestAborted);

    /// <summary>
    /// <c>ready</c>, or <c>not_ready</c> naming what cannot be reached (the status code is 503 then).
    /// </summary>
    private static Task WriteReadyAsync(HttpContext context, HealthReport report)
    {
        var unreachable = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy)
            .Select(e => $"{e.Key} not reachable").ToList();
        var status = unreachable.Count == 0 ? new ReadyStatus("ready", null)
            : new ReadyStatus("not_ready", string.Join("; ", unreachable));
        return context.Response.WriteAsJsonAsync(status, context.RequestAborted);
    }
}

/// <summary><c>healthy</c>, the service and its version.</summary>
public sealed record LiveStatus(string Status, string Service, string Version);

/// <summary><c>ready</c>, or <c>not_ready</c> with the reason.</summary>
public sealed record ReadyStatus(
    string Status,
    [property: System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Reason);
