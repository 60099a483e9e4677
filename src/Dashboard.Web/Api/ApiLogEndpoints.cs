using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dashboard.Core.Spotify;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The user's log of calls to Spotify, and its figures over the same filters.</summary>
public static class ApiLogEndpoints
{
    public static IEndpointRouteBuilder MapApiLogEndpoints(this IEndpointRouteBuilder app)
    {
        var logs = app.MapGroup("/api/v1/api-logs").RequireAuthorization().WithTags("API logs");

        logs.MapGet("",
            async (ApiLogParameters parameters, HttpContext context, ApiCallLog log,
                CancellationToken cancellationToken) =>
        {
            var page = await log.GetPageAsync(context.User.UserId()!.Value, parameters.Query(), cancellationToken);
            return Results.Ok(
                new ApiLogPageResponse([.. page.Items.Select(ApiLogResponse.From)], page.Total, page.Page,
                    page.PageSize, page.Pages));
        }).WithSummary("Your calls to Spotify, newest first.")
            .Produces<ApiLogPageResponse>();

        logs.MapGet("/stats",
            async (ApiLogParameters parameters, HttpContext context, ApiCallLog log,
                CancellationToken cancellationToken) =>
        {
            var stats = await log.GetStatsAsync(context.User.UserId()!.Value, parameters.Query(), cancellationToken);
            return Results.Ok(ApiLogStatsResponse.Of(stats));
        }).WithSummary("Your calls to Spotify counted, over the same filters as the log.")
            .Produces<ApiLogStatsResponse>();

        return app;
    }
}

/// <summary>
/// Which calls the log lists and its figures count, and the page of the log. The figures read the page as well (and
/// refuse a bad one), as they always have: the two endpoints take the same parameters.
/// </summary>
public sealed record ApiLogParameters : QueryParameters<ApiLogParameters>, IValidatableObject
{
    /// <summary>As <see cref="ApiStatusClasses.Label"/> names the classes, in the order the pages list them.</summary>
    [Description("Only calls whose status is in this class.")]
    [AllowedValues("2xx", "3xx", "4xx", "5xx", "none")]
    public string? Status { get; init; }

    [Description("The page of the log.")]
    [Range(1, PageParameters.MaxPage)]
    public int Page { get; init; } = 1;

    [Description("How many calls per page of the log.")]
    [Range(1, ApiCallLog.MaxPageSize)]
    public int Limit { get; init; } = 50;

    [Description("Lowest HTTP status.")]
    [Range(100, 599)]
    public int? StatusMin { get; init; }

    [Description("Highest HTTP status.")]
    [Range(100, 599)]
    public int? StatusMax { get; init; }

    [Description("HTTP method.")]
    [AllowedValues("GET", "POST", "PUT", "DELETE", "PATCH")]
    public string? Method { get; init; }

    [Description("Part of the endpoint's path.")]
    [MaxLength(200)]
    public string? EndpointContains { get; init; }

    [Description("Which Spotify server was called.")]
    [AllowedValues("api", "accounts")]
    public string? Service { get; init; }

    [Description("First local day.")]
    public DateOnly? From { get; init; }

    [Description("Last local day.")]
    public DateOnly? To { get; init; }

    public ApiCallQuery Query() =>
        new(Page, Limit, ApiStatusClasses.Parse(Status), StatusMin, StatusMax, Method, EndpointContains, Service, From,
            To);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StatusMin > StatusMax)
        {
            yield return new ValidationResult("status_max must not be below status_min", [nameof(StatusMax)]);
        }
        if (From > To)
        {
            yield return new ValidationResult("to must not be before from", [nameof(To)]);
        }
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
        [.. stats.TopEndpoints.Select(e =>
        new ApiEndpointUsageResponse(e.Label, e.Calls, e.Errors, Math.Round(e.AverageLatencyMs, 1)))]);
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
    public static ApiLogResponse From(ApiCallEntry call) =>
        new(call.Id.ToString(CultureInfo.InvariantCulture), call.Service, call.Method,
        call.Endpoint, call.StatusCode, call.LatencyMs, call.RetryAfterSeconds, call.Error, call.CalledAt);
}
