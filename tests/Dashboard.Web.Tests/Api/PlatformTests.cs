using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Core.Analytics;
using Dashboard.Core.Data;
using Dashboard.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// What every answer carries and how the service protects itself: request ids, headers, limits, errors, logs. One app
/// for the class, but for the tests whose settings or services the app reads at start, or whose database is taken away.
/// </summary>
public sealed class PlatformTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpClient> TokenClientAsync(DashboardFactory factory, string spotifyId)
    {
        var userId = await factory.AddUserAsync(spotifyId);
        var secret = await factory.CreateTokenAsync(userId);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task Over_the_limit_a_user_gets_429_with_Retry_After_while_others_go_on()
    {
        // An app of its own: the limit is read at start.
        await using var factory = new DashboardFactory
        {
            Settings = new Dictionary<string, string> { ["RateLimit:PermitLimit"] = "3",
                ["RateLimit:WindowSeconds"] = "60" },
        };
        using var busy = await TokenClientAsync(factory, "busy");
        using var calm = await TokenClientAsync(factory, "calm");

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await busy.GetAsync("/api/v1/analytics/rollup-status", Ct)).StatusCode);
        }
        var refused = await busy.GetAsync("/api/v1/history", Ct);
        var other = await calm.GetAsync("/api/v1/analytics/rollup-status", Ct);
        // Pages and health checks are not limited; only the API and whatever presents a token.
        var health = await factory.CreateClient().GetAsync("/api/health", Ct);

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Contains("Too many requests",
            (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Signed_out_callers_share_a_limit_per_address()
    {
        // An app of its own: the limit is read at start, and every signed-out caller of the shared app comes from the
        // same address.
        await using var factory =
            new DashboardFactory { Settings = new Dictionary<string, string> { ["RateLimit:PermitLimit"] = "2" } };
        using var anonymous = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await anonymous.GetAsync("/api/v1/history", Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
            statuses);
    }

    [Fact]
    public async Task Every_answer_has_a_request_id_and_a_callers_own_is_kept()
    {
        using var client = app.Factory.CreateClient();

        var fresh = await client.GetAsync("/api/health", Ct);
        using var offered = new HttpRequestMessage(HttpMethod.Get, "/signin");
        offered.Headers.Add("X-Request-ID", "widget-42.a");
        var kept = await client.SendAsync(offered, Ct);
        using var hostile = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nothing-here");
        hostile.Headers.Add("X-Request-ID", "<script>alert(1)</script>");
        var replaced = await client.SendAsync(hostile, Ct);

        Assert.Matches("^[0-9a-f]{32}$", fresh.Headers.GetValues("X-Request-ID").Single());
        Assert.Equal("widget-42.a", kept.Headers.GetValues("X-Request-ID").Single());
        Assert.Matches("^[0-9a-f]{32}$", replaced.Headers.GetValues("X-Request-ID").Single());
        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);
        Assert.Equal("Not found",
            (await replaced.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Pages_and_API_answers_carry_the_security_headers_and_the_import_map_has_the_policys_nonce()
    {
        using var client = app.Factory.CreateClient();

        var page = await client.GetAsync("/signin", Ct);
        var api = await client.GetAsync("/api/v1/history", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        foreach (var response in new[] { page, api })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
        var pagePolicy = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Regex.Match(pagePolicy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        var importMap = WebUtility.HtmlDecode(Regex.Match(html, "<script[^>]*importmap[^>]*>").Value);
        Assert.True(importMap.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal),
            html[..Math.Min(html.Length, 1500)]);
        Assert.DoesNotContain("'unsafe-inline'", Regex.Match(pagePolicy, "script-src[^;]*").Value);
        Assert.StartsWith("default-src 'none'", api.Headers.GetValues("Content-Security-Policy").Single());
        var again = (await client.GetAsync("/signin", Ct)).Headers.GetValues("Content-Security-Policy").Single();
        Assert.NotEqual(pagePolicy, again);
    }

    [Fact]
    public async Task JSON_answers_are_compressed_for_callers_that_accept_it()
    {
        using var client = await TokenClientAsync(app.Factory, TestListeners.UniqueId("reader"));
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var response = await client.GetAsync("/api/v1/analytics/trend?period=year", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var unzipped = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(Ct),
            System.IO.Compression.CompressionMode.Decompress);
        var trend = await JsonSerializer.DeserializeAsync<JsonElement>(unzipped, cancellationToken: Ct);
        Assert.InRange(trend.GetProperty("points").GetArrayLength(), 12, 13);
    }

    [Fact]
    public async Task When_the_database_cannot_be_reached_the_API_answers_503_with_Retry_After()
    {
        // An app of its own, whose database is taken away.
        await using var factory = new DashboardFactory();
        using var client = await TokenClientAsync(factory, "reader");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/analytics/rollup-status", Ct)).StatusCode);

        if (factory.Database.Provider == Dashboard.Core.Data.DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(factory.DataFolder, recursive: true);
        }
        else
        {
            await factory.Database.RefuseConnectionsAsync();
        }
        var response = await client.GetAsync("/api/v1/analytics/rollup-status", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
        Assert.Equal("Service temporarily unavailable",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unexpected_failure_is_500_without_internals()
    {
        // An app of its own: the failing service replaces the real one at start.
        await using var factory = new DashboardFactory
        {
            ConfigureServices = services => services.AddSingleton<TrendService, FailingTrend>(),
        };
        using var client = await TokenClientAsync(factory, "reader");

        var response = await client.GetAsync("/api/v1/analytics/trend", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("{\"detail\":\"Internal server error\"}", body);
    }

    [Fact]
    public async Task A_request_past_the_timeout_is_stopped_and_answered_504()
    {
        // An app of its own: the timeout and the slow service are set at start.
        await using var factory = new DashboardFactory
        {
            Settings = new Dictionary<string, string> { ["RequestTimeouts:DefaultSeconds"] = "1" },
            ConfigureServices = services => services.AddSingleton<TrendService, SlowTrend>(),
        };
        using var client = await TokenClientAsync(factory, "reader");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.GetAsync("/api/v1/analytics/trend", Ct);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
        Assert.Contains("took too long",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Request_logs_name_the_path_and_status_but_never_tokens_cookies_or_query_strings()
    {
        // An app of its own: the logger provider, which keeps every level and the exceptions, is added at start.
        var logs = new CapturedLogs();
        await using var factory = new DashboardFactory { ConfigureServices = services =>
            services.AddSingleton<ILoggerProvider>(logs) };
        using var client = await TokenClientAsync(factory, "reader");
        var secret = client.DefaultRequestHeaders.Authorization!.Parameter!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/history?artist=secret-query-value");
        request.Headers.Add("Cookie", "dashboard.auth=secret-cookie-value");
        request.Headers.Add("X-Request-ID", "logged-request");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(logs.Messages, m => m.Contains("logged-request"));
        Assert.Contains("GET /api/v1/history answered 200", line);
        Assert.Contains("(token)", line);
        Assert.DoesNotContain(logs.Messages, m => m.Contains(secret[5..]) || m.Contains("secret-cookie-value")
            || m.Contains("secret-query-value"));
    }

    private sealed class FailingTrend(IDbContextFactory<DashboardDbContext> db, TimeProvider clock)
        : TrendService(db, clock)
    {
        public override Task<Trend> GetAsync(int userId, TrendQuery query, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("connection string Data Source=/secret/path.db");
    }

    /// <summary>A query that takes a minute unless the request is cancelled.</summary>
    private sealed class SlowTrend(IDbContextFactory<DashboardDbContext> db, TimeProvider clock)
        : TrendService(db, clock)
    {
        public override async Task<Trend> GetAsync(int userId, TrendQuery query, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
            return await base.GetAsync(userId, query, cancellationToken);
        }
    }

    private sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> All { get; } = new();

        public IEnumerable<string> Messages => All;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            All.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));

        public void Dispose()
        {
        }
    }
}
