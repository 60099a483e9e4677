using System.Globalization;
using Dashboard.Core.Spotify;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The user's log of calls to Spotify, and its figures over the same filters.</summary>
public static class ApiLogEndpoints
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];
    private static readonly string[] Services = ["api", "accounts"];

    /// <summary>The filters both endpoints read, for the OpenAPI document.</summary>
    private static readonly QueryParameterDoc[] Filters =
    [
        new("status", "Only calls whose status is in this class.", Allowed: [.. ApiStatusClasses.All.Select(c => c.Label())]),
        new("status_min", "Lowest HTTP status.", Microsoft.OpenApi.JsonSchemaType.Integer, "int32", Minimum: 100, Maximum: 599),
        new("status_max", "Highest HTTP status.", Microsoft.OpenApi.JsonSchemaType.Integer, "int32", Minimum: 100, Maximum: 599),
        new("method", "HTTP method.", Allowed: Methods),
        new("endpoint_contains", "Part of the endpoint's path (at most 200 characters)."),
        new("service", "Which Spotify server was called.", Allowed: Services),
        ApiDocs.Date("from", "First local day"),
        ApiDocs.Date("to", "Last local day"),
    ];

    public static IEndpointRouteBuilder MapApiLogEndpoints(this IEndpointRouteBuilder app)
    {
        var logs = app.MapGroup("/api/v1/api-logs").RequireAuthorization().WithTags("API logs");

        logs.MapGet("", async (HttpContext context, ApiCallLog log, CancellationToken cancellationToken) =>
        {
            if (!TryRead(context.Request.Query, out var filter, out var problems))
            {
                return problems;
            }
            var page = await log.GetPageAsync(context.User.UserId()!.Value, filter, cancellationToken);
            return Results.Ok(new ApiLogPageResponse([.. page.Items.Select(ApiLogResponse.From)], page.Total, page.Page, page.PageSize, page.Pages));
        }).WithSummary("Your calls to Spotify, newest first.")
            .WithQuery([ApiDocs.Page, ApiDocs.Limit(50, ApiCallLog.MaxPageSize, "calls per page"), .. Filters])
            .Produces<ApiLogPageResponse>()
            .ProducesValidationErrors();

        logs.MapGet("/stats", async (HttpContext context, ApiCallLog log, CancellationToken cancellationToken) =>
        {
            if (!TryRead(context.Request.Query, out var filter, out var problems))
            {
                return problems;
            }
            var stats = await log.GetStatsAsync(context.User.UserId()!.Value, filter, cancellationToken);
            return Results.Ok(ApiLogStatsResponse.Of(stats));
        }).WithSummary("Your calls to Spotify counted, over the same filters as the log.")
            .WithQuery(Filters)
            .Produces<ApiLogStatsResponse>()
            .ProducesValidationErrors();

        return app;
    }

    /// <summary>The filters both endpoints take; the problems as a 422 when any is wrong.</summary>
    private static bool TryRead(IQueryCollection parameters, out ApiCallQuery filter, out IResult problems)
    {
        var query = new QueryReader(parameters);
        var statusClass = query.OneOf("status", ApiStatusClasses.All.Select(c => c.Label()).ToList());
        filter = new ApiCallQuery(
            query.Page(),
            query.Int("limit", 50, 1, ApiCallLog.MaxPageSize),
            ApiStatusClasses.Parse(statusClass),
            query.OptionalInt("status_min", 100, 599),
            query.OptionalInt("status_max", 100, 599),
            query.OneOf("method", Methods),
            query.Text("endpoint_contains", 200),
            query.OneOf("service", Services),
            query.Date("from"),
            query.Date("to"));
        query.Check(filter.StatusMin is null || filter.StatusMax is null || filter.StatusMin <= filter.StatusMax,
            "status_max", "status_max must not be below status_min");
        query.Check(filter.From is null || filter.To is null || filter.From <= filter.To, "to", "to must not be before from");
        problems = query.Problems!;
        return problems is null;
    }
}

public sealed record ApiLogPageResponse(IReadOnlyList<ApiLogResponse> Items, int Total, int Page, int Limit, int Pages);

/// <summary>One endpoint's calls: <c>endpoint</c> is the method and path, e.g. <c>GET /v1/me/player</c>.</summary>
public sealed record ApiEndpointUsageResponse(string Endpoint, int Count, int Errors, double AvgLatencyMs);

/// <summary>
/// The calls counted. <c>success_rate</c> is in percent; it and <c>avg_latency_ms</c> are null without calls.
/// <c>status_distribution</c> counts every status class (2xx, 3xx, 4xx, 5xx, none), zero where none.
/// </summary>
public sealed record ApiLogStatsResponse(
    int TotalCalls,
    int ErrorCount,
    int RateLimitCount,
    double? SuccessRate,
    double? AvgLatencyMs,
    IReadOnlyDictionary<string, int> StatusDistribution,
    IReadOnlyList<ApiEndpointUsageResponse> TopEndpoints)
{
    public static ApiLogStatsResponse Of(ApiCallStats stats) => new(
        stats.Total,
        stats.Errors,
        stats.RateLimited,
        stats.SuccessRate is { } rate ? Math.Round(rate * 100, 1) : null,
        stats.AverageLatencyMs is { } latency ? Math.Round(latency, 1) : null,
        stats.StatusDistribution.ToDictionary(d => d.Class.Label(), d => d.Calls),
        [.. stats.TopEndpoints.Select(e => new ApiEndpointUsageResponse(e.Label, e.Calls, e.Errors, Math.Round(e.AverageLatencyMs, 1)))]);
}

/// <summary>One logged call as the API shows it.</summary>
public sealed record ApiLogResponse(
    string Id,
    string Service,
    string Method,
    string Endpoint,
    int? StatusCode,
    int LatencyMs,
    int? RetryAfterSeconds,
    string? Error,
    DateTime Timestamp)
{
    public static ApiLogResponse From(ApiCallEntry call) => new(call.Id.ToString(CultureInfo.InvariantCulture), call.Service, call.Method,
        call.Endpoint, call.StatusCode, call.LatencyMs, call.RetryAfterSeconds, call.Error, call.CalledAt);
}
