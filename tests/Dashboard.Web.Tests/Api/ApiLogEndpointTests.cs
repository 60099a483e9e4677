using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Spotify;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Api;

/// <summary>The log of Spotify calls, on one app for the class: each test signs in a listener of its own.</summary>
public sealed class ApiLogEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_log_and_its_stats_count_only_the_users_own_calls_under_the_filters()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var (client, userId) = (listener.Client, listener.UserId);
        var otherId = await factory.AddUserAsync(TestListeners.UniqueId("someone-else"));
        var now = DateTime.UtcNow;
        await using (var db = await factory.DbAsync())
        {
            db.ApiCalls.AddRange(
                Call(userId, 200, 100, now.AddSeconds(-4)),
                Call(userId, 200, 300, now.AddSeconds(-3)),
                Call(userId, 429, 50, now.AddSeconds(-2), retryAfter: 30),
                Call(userId, null, 10_000, now.AddSeconds(-1)),
                Call(otherId, 500, 999, now));
            await db.SaveChangesAsync(Ct);
        }

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/api-logs?endpoint_contains=TEST-ONLY&limit=3",
            Ct);
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/api-logs/stats?endpoint_contains=test-only",
            Ct);
        var none =
            await client.GetFromJsonAsync<JsonElement>("/api/v1/api-logs?endpoint_contains=test-only&status=none", Ct);

        Assert.Equal((4, 2, 3),
            (page.GetProperty("total").GetInt32(), page.GetProperty("pages").GetInt32(),
                page.GetProperty("items").GetArrayLength()));
        var newest = page.GetProperty("items")[0];
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("status_code").ValueKind);
        Assert.Equal(("GET", "/v1/test-only/{id}", 10_000),
            (newest.GetProperty("method").GetString(), newest.GetProperty("endpoint").GetString(),
                newest.GetProperty("latency_ms").GetInt32()));
        Assert.Equal(30, page.GetProperty("items")[1].GetProperty("retry_after_seconds").GetInt32());
        Assert.Equal((4, 2, 1),
            (stats.GetProperty("total_calls").GetInt32(), stats.GetProperty("error_count").GetInt32(),
                stats.GetProperty("rate_limit_count").GetInt32()));
        Assert.Equal(50.0, stats.GetProperty("success_rate").GetDouble());
        Assert.Equal(2612.5, stats.GetProperty("avg_latency_ms").GetDouble());
        Assert.Equal(2, stats.GetProperty("status_distribution").GetProperty("2xx").GetInt32());
        Assert.Equal(1, stats.GetProperty("status_distribution").GetProperty("none").GetInt32());
        Assert.Equal(("GET /v1/test-only/{id}", 4),
            (stats.GetProperty("top_endpoints")[0].GetProperty("endpoint").GetString(),
            stats.GetProperty("top_endpoints")[0].GetProperty("count").GetInt32()));
        Assert.Equal(1, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unfiltered_stats_agree_with_the_calls_the_sign_in_sync_logged()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInNewListenerAsync();
        var (client, userId) = (listener.Client, listener.UserId);

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/api-logs/stats", Ct);

        await using var db = await factory.DbAsync();
        var calls = await db.ApiCalls.Where(c => c.UserId == userId).ToListAsync(Ct);
        Assert.NotEmpty(calls);
        Assert.Equal(calls.Count, stats.GetProperty("total_calls").GetInt32());
        Assert.Equal(calls.Count(c => c.StatusCode is null or >= 400), stats.GetProperty("error_count").GetInt32());
        Assert.Equal(Math.Round(calls.Average(c => c.LatencyMs), 1), stats.GetProperty("avg_latency_ms").GetDouble());
    }

    [Fact]
    public async Task Bad_filters_are_422_with_every_problem()
    {
        using var listener = await app.Factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;

        var response =
            await client.GetAsync(
                "/api/v1/api-logs?status=7xx&method=FETCH&status_min=500&status_max=400&limit=500&page=abc", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail")
            .EnumerateArray().ToList();
        Assert.Equal(["status", "page", "limit", "method", "status_max"],
            problems.Select(p => p.GetProperty("loc")[1].GetString()));
        Assert.All(problems, p => Assert.Equal("query", p.GetProperty("loc")[0].GetString()));
        Assert.Contains("2xx, 3xx, 4xx, 5xx, none", problems[0].GetProperty("msg").GetString());
        Assert.Equal("type_error.integer", problems[1].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await client.GetAsync("/api/v1/api-logs/stats?status=7xx", Ct)).StatusCode);
    }

    private static ApiCall Call(int userId, int? status, int latencyMs, DateTime at, int? retryAfter = null) => new()
    {
        UserId = userId, Service = "api", Method = "GET", Endpoint = "/v1/test-only/{id}", StatusCode = status,
            LatencyMs = latencyMs,
        RetryAfterSeconds = retryAfter, CalledAt = at,
    };
}
