using Dashboard.Core.Analytics;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Spotify;

/// <summary>
/// Kinds of answer, by the first digit of the status; <see cref="NoResponse"/> when none came (timeout, refused).
/// </summary>
public enum ApiStatusClass
{
    NoResponse = 0,
    Success = 2,
    Redirect = 3,
    ClientError = 4,
    ServerError = 5,
}

public static class ApiStatusClasses
{
    /// <summary>Every class, in the order the pages list them.</summary>
    public static readonly IReadOnlyList<ApiStatusClass> All =
        [ApiStatusClass.Success, ApiStatusClass.Redirect, ApiStatusClass.ClientError, ApiStatusClass.ServerError,
            ApiStatusClass.NoResponse];

    /// <summary><c>2xx</c>, <c>3xx</c>, <c>4xx</c>, <c>5xx</c>, or <c>none</c> for no answer.</summary>
    public static string Label(this ApiStatusClass statusClass) =>
        statusClass == ApiStatusClass.NoResponse ? "none" : $"{(int)statusClass}xx";

    /// <summary>The class a label names (<c>4xx</c>, <c>none</c>, any case), or null.</summary>
    public static ApiStatusClass? Parse(string? label) =>
        All.Cast<ApiStatusClass?>()
            .FirstOrDefault(c => string.Equals(c!.Value.Label(), label?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Which of a user's Spotify calls to list or count. Filters combine: a status class, a status range, the HTTP method,
/// text in the endpoint, the service, and local days (<see cref="From"/> and <see cref="To"/> both included).
/// </summary>
public sealed record ApiCallQuery(
    int Page = 1,
    int PageSize = 50,
    ApiStatusClass? StatusClass = null,
    int? StatusMin = null,
    int? StatusMax = null,
    string? Method = null,
    string? Endpoint = null,
    string? Service = null,
    DateOnly? From = null,
    DateOnly? To = null);

public sealed record ApiCallEntry(
    long Id,
    string Service,
    string Method,
    string Endpoint,
    int? StatusCode,
    int LatencyMs,
    int? RetryAfterSeconds,
    string? Error,
    DateTime CalledAt);

/// <summary>How often one endpoint was called, e.g. <c>GET /v1/me/player</c>.</summary>
public sealed record EndpointUsage(string Method, string Endpoint, int Calls, int Errors, double AverageLatencyMs)
{
    public string Label => $"{Method} {Endpoint}";
}

public sealed record StatusClassCount(ApiStatusClass Class, int Calls);

/// <summary>The calls a query selects, counted.</summary>
/// <param name="Errors">Calls answered 4xx or 5xx, or not answered at all.</param>
/// <param name="RateLimited">Calls answered 429.</param>
/// <param name="SuccessRate">The share of calls that were not errors, 0 to 1; null without calls.</param>
/// <param name="StatusDistribution">Every class, in <see cref="ApiStatusClasses.All"/> order, with zero where
/// none.</param>
/// <param name="TopEndpoints">The most called endpoints, most first.</param>
public sealed record ApiCallStats(
    int Total,
    int Errors,
    int RateLimited,
    double? SuccessRate,
    double? AverageLatencyMs,
    IReadOnlyList<StatusClassCount> StatusDistribution,
    IReadOnlyList<EndpointUsage> TopEndpoints);

/// <summary>
/// A user's log of Spotify calls (<c>api_calls</c>), a page at a time and counted; only ever the user's own.
/// </summary>
public class ApiCallLog(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public const int MaxPageSize = 200;
    public const int TopEndpointCount = 8;

    public virtual async Task<PagedList<ApiCallEntry>> GetPageAsync(int userId, ApiCallQuery query,
        CancellationToken cancellationToken)
    {
        var (page, size, skip) = PagedList<ApiCallEntry>.Clamp(query.Page, query.PageSize, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calls = await FilterAsync(db, userId, query, cancellationToken);
        var total = await calls.CountAsync(cancellationToken);
        var items = await calls.OrderByDescending(c => c.CalledAt).ThenByDescending(c => c.Id)
            .Skip(skip).Take(size)
            .Select(c =>
                new ApiCallEntry(c.Id, c.Service, c.Method, c.Endpoint, c.StatusCode, c.LatencyMs, c.RetryAfterSeconds,
                    c.Error, c.CalledAt))
            .ToListAsync(cancellationToken);
        return new PagedList<ApiCallEntry>(items, total, page, size);
    }

    /// <summary>Counts over the same filter as <see cref="GetPageAsync"/>; paging is ignored.</summary>
    public virtual async Task<ApiCallStats> GetStatsAsync(int userId, ApiCallQuery query,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calls = await FilterAsync(db, userId, query, cancellationToken);
        var byClass = await calls
            .GroupBy(c => c.StatusCode == null ? 0 : c.StatusCode.Value / 100)
            .Select(g => new
            {
                Class = g.Key,
                Calls = g.Count(),
                RateLimited = g.Count(c => c.StatusCode == 429),
                Latency = g.Sum(c => (long)c.LatencyMs),
            })
            .ToListAsync(cancellationToken);
        var top = await calls
            .GroupBy(c => new { c.Method, c.Endpoint })
            .Select(g => new
            {
                g.Key.Method,
                g.Key.Endpoint,
                Calls = g.Count(),
                Errors = g.Count(c => c.StatusCode == null || c.StatusCode >= 400),
                Latency = g.Sum(c => (long)c.LatencyMs),
            })
            .OrderByDescending(e => e.Calls).ThenBy(e => e.Method).ThenBy(e => e.Endpoint)
            .Take(TopEndpointCount)
            .ToListAsync(cancellationToken);

        var total = byClass.Sum(c => c.Calls);
        var errors = byClass.Where(c => c.Class is 0 or >= 4).Sum(c => c.Calls);
        return new ApiCallStats(
            total,
            errors,
            byClass.Sum(c => c.RateLimited),
            total == 0 ? null : (double)(total - errors) / total,
            total == 0 ? null : (double)byClass.Sum(c => c.Latency) / total,
            ApiStatusClasses.All.Select(s =>
            new StatusClassCount(s, byClass.Where(c => c.Class == (int)s).Sum(c => c.Calls))).ToList(),
            top.Select(e => new EndpointUsage(e.Method, e.Endpoint, e.Calls, e.Errors, (double)e.Latency / e.Calls))
            .ToList());
    }

    private static async Task<IQueryable<ApiCall>> FilterAsync(DashboardDbContext db, int userId, ApiCallQuery query,
        CancellationToken cancellationToken)
    {
        var calls = db.ApiCalls.AsNoTracking().Where(c => c.UserId == userId);
        if (query.StatusClass is { } statusClass)
        {
            if (statusClass == ApiStatusClass.NoResponse)
            {
                calls = calls.Where(c => c.StatusCode == null);
            }
            else
            {
                var (low, high) = ((int)statusClass * 100, (int)statusClass * 100 + 99);
                calls = calls.Where(c => c.StatusCode >= low && c.StatusCode <= high);
            }
        }
        if (query.StatusMin is { } min)
        {
            calls = calls.Where(c => c.StatusCode >= min);
        }
        if (query.StatusMax is { } max)
        {
            calls = calls.Where(c => c.StatusCode <= max);
        }
        if (!string.IsNullOrWhiteSpace(query.Method))
        {
            var method = query.Method.Trim().ToUpperInvariant();
            calls = calls.Where(c => c.Method == method);
        }
        if (!string.IsNullOrWhiteSpace(query.Service))
        {
            var service = query.Service.Trim().ToLowerInvariant();
            calls = calls.Where(c => c.Service == service);
        }
        if (!string.IsNullOrWhiteSpace(query.Endpoint))
        {
            // Endpoints are stored as templates; their own wildcards are taken literally.
            var pattern = "%"
                + query.Endpoint.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")
                + "%";
            // ToLower runs in the database as SQL lower(), where .NET's culture has no say.
#pragma warning disable CA1304, CA1311
            calls = calls.Where(c => EF.Functions.Like(c.Endpoint.ToLower(), pattern, "\\"));
#pragma warning restore CA1304, CA1311
        }
        if (query.From is not null || query.To is not null)
        {
            var (start, end) = TimeZones.UtcBounds(query.From, query.To,
                (await QueryUser.LoadAsync(db, userId, cancellationToken)).Zone);
            calls = start is { } after ? calls.Where(c => c.CalledAt >= after) : calls;
            calls = end is { } before ? calls.Where(c => c.CalledAt < before) : calls;
        }
        return calls;
    }
}
