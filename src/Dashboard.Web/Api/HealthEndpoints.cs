using System.Reflection;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api;

public static class HealthEndpoints
{
    private const string ServiceName = "dashboard";

    private static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/api/health").AllowAnonymous().WithTags("Health");

        health.MapGet("", () => Results.Ok(new HealthStatus("healthy", ServiceName, Version)))
            .WithSummary("Whether the app answers, and its version.")
            .Produces<HealthStatus>();

        health.MapGet("/ready", async (IDbContextFactory<DashboardDbContext> dbFactory, CancellationToken cancellationToken) =>
        {
            var reason = await DatabaseProblemAsync(dbFactory, cancellationToken);
            return reason is null
                ? Results.Ok(new ReadyStatus("ready", null))
                : Results.Json(new ReadyStatus("not_ready", reason), statusCode: StatusCodes.Status503ServiceUnavailable);
        })
            .WithSummary("Whether the app can answer from its database.")
            .Produces<ReadyStatus>()
            .Produces<ReadyStatus>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<string?> DatabaseProblemAsync(IDbContextFactory<DashboardDbContext> dbFactory, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // A query, not only a connection: an unreadable or unmigrated database must not look ready.
            await db.Users.AnyAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return "database not reachable";
        }
    }
}

public sealed record HealthStatus(string Status, string Service, string Version);

/// <summary><c>ready</c>, or <c>not_ready</c> with the reason.</summary>
public sealed record ReadyStatus(
    string Status,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Reason);
