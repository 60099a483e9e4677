using Dashboard.Core.Spotify;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>The API-calls page's log and figures, over calls written by hand.</summary>
public sealed class ApiCallLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);

    private CoreTestHost _host = default!;
    private int _listener;
    private int _other;
    private List<ApiCall> _calls = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiCallLog Log => _host.Get<ApiCallLog>();

    public async ValueTask InitializeAsync()
    {
        _host = await CoreTestHost.StartAsync(Now);
        _listener = (await _host.AddUserAsync("listener")).Id;
        _other = (await _host.AddUserAsync("other")).Id;
        _calls =
        [
            Call(_listener, "GET", "/v1/me/player/recently-played", 200, 100),
            Call(_listener, "GET", "/v1/me/player/recently-played", 200, 300),
            Call(_listener, "GET", "/v1/tracks/{id}", 429, 50, retryAfter: 30, error: "API rate limit exceeded"),
            Call(_listener, "GET", "/v1/tracks/{id}", 200, 150),
            Call(_listener, "GET", "/v1/tracks/{id}", 404, 80, error: "Non existing id"),
            Call(_listener, "PUT", "/v1/me/player/pause", 204, 120),
            Call(_listener, "POST", "/v1/me/player/next", 403, 90, error: "Player command failed: Premium required"),
            Call(_listener, "GET", "/v1/me/player", null, 10_000, error: "No answer within 10000 ms"),
            Call(_listener, "GET", "/v1/me/top/artists", 503, 200, error: "Service unavailable"),
            Call(_listener, "POST", "/api/token", 200, 400, service: "accounts"),
            Call(_other, "GET", "/v1/tracks/{id}", 500, 999),
            Call(_other, "GET", "/v1/me/player", 200, 999),
        ];
        for (var i = 0; i < _calls.Count; i++)
        {
            _calls[i].CalledAt = Now.UtcDateTime.AddMinutes(i - _calls.Count);
        }
        await using var db = await _host.DbAsync();
        db.ApiCalls.AddRange(_calls);
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Stats_count_the_users_calls_by_outcome_and_endpoint()
    {
        var stats = await Log.GetStatsAsync(_listener, new ApiCallQuery(), Ct);

        // Errors: the 429, 404, 403, 503 and the call that got no answer.
        Assert.Equal((10, 5, 1), (stats.Total, stats.Errors, stats.RateLimited));
        Assert.Equal(0.5, stats.SuccessRate);
        Assert.Equal(11_490 / 10.0, stats.AverageLatencyMs);
        Assert.Equal(
            [(ApiStatusClass.Success, 5), (ApiStatusClass.Redirect, 0), (ApiStatusClass.ClientError, 3),
            (ApiStatusClass.ServerError, 1), (ApiStatusClass.NoResponse, 1)],
            stats.StatusDistribution.Select(d => (d.Class, d.Calls)));
        Assert.Equal(
            ["GET /v1/tracks/{id}", "GET /v1/me/player/recently-played", "GET /v1/me/player", "GET /v1/me/top/artists",
            "POST /api/token",
                "POST /v1/me/player/next", "PUT /v1/me/player/pause"],
            stats.TopEndpoints.Select(e => e.Label));
        Assert.Equal((3, 2, 280 / 3.0),
            (stats.TopEndpoints[0].Calls, stats.TopEndpoints[0].Errors, stats.TopEndpoints[0].AverageLatencyMs));
    }

    [Fact]
    public async Task Stats_equal_an_independent_count_under_every_filter()
    {
        ApiCallQuery[] queries =
        [
            new(), new(StatusClass: ApiStatusClass.ClientError), new(StatusClass: ApiStatusClass.NoResponse),
            new(StatusClass: ApiStatusClass.Success),
            new(Method: "get"), new(Endpoint: "PLAYER"), new(Method: "POST", Endpoint: "player"),
            new(StatusMin: 400, StatusMax: 499),
            new(Service: "accounts"), new(Endpoint: "%"),
        ];
        foreach (var query in queries)
        {
            var expected = _calls.Where(c => c.UserId == _listener && Matches(c, query)).ToList();

            var stats = await Log.GetStatsAsync(_listener, query, Ct);
            var page = await Log.GetPageAsync(_listener, query with { PageSize = 200 }, Ct);

            Assert.Equal(expected.Count, stats.Total);
            Assert.Equal(expected.Count, page.Total);
            Assert.Equal(expected.OrderByDescending(c => c.CalledAt).Select(c => c.Id), page.Items.Select(c => c.Id));
            Assert.Equal(expected.Count(c => c.StatusCode is null or >= 400), stats.Errors);
            Assert.Equal(expected.Count(c => c.StatusCode == 429), stats.RateLimited);
            Assert.Equal(expected.Count == 0 ? null : expected.Average(c => c.LatencyMs), stats.AverageLatencyMs);
            Assert.Equal(expected.Count, stats.StatusDistribution.Sum(d => d.Calls));
            Assert.Equal(expected.Count, stats.TopEndpoints.Sum(e => e.Calls));
        }
    }

    [Fact]
    public async Task The_log_pages_newest_first_and_keeps_what_each_call_said()
    {
        var page = await Log.GetPageAsync(_listener, new ApiCallQuery(Page: 1, PageSize: 4), Ct);

        Assert.Equal((10, 3), (page.Total, page.Pages));
        Assert.Equal(["/api/token", "/v1/me/top/artists", "/v1/me/player", "/v1/me/player/next"],
            page.Items.Select(c => c.Endpoint));
        var timedOut = page.Items[2];
        Assert.Equal((null, 10_000, "No answer within 10000 ms"),
            (timedOut.StatusCode, timedOut.LatencyMs, timedOut.Error));
        var limited =
            (await Log.GetPageAsync(_listener, new ApiCallQuery(StatusMin: 429, StatusMax: 429), Ct)).Items.Single();
        Assert.Equal(30, limited.RetryAfterSeconds);
    }

    [Fact]
    public async Task Another_users_calls_are_never_listed_or_counted()
    {
        var stats = await Log.GetStatsAsync(_other, new ApiCallQuery(), Ct);

        Assert.Equal((2, 1), (stats.Total, stats.Errors));
        Assert.All((await Log.GetPageAsync(_listener, new ApiCallQuery(PageSize: 200), Ct)).Items,
            c => Assert.NotEqual(999, c.LatencyMs));
    }

    [Fact]
    public async Task No_calls_give_zero_counts_and_no_rates()
    {
        var stats = await Log.GetStatsAsync(_listener, new ApiCallQuery(StatusClass: ApiStatusClass.Redirect), Ct);

        Assert.Equal((0, 0, null, null), (stats.Total, stats.Errors, stats.SuccessRate, stats.AverageLatencyMs));
        Assert.Empty(stats.TopEndpoints);
        Assert.All(stats.StatusDistribution, d => Assert.Equal(0, d.Calls));
    }

    [Theory]
    [InlineData("2xx", ApiStatusClass.Success)]
    [InlineData("4XX", ApiStatusClass.ClientError)]
    [InlineData("none", ApiStatusClass.NoResponse)]
    [InlineData("6xx", null)]
    [InlineData("", null)]
    public void Status_classes_read_from_their_labels(string label, ApiStatusClass? expected) =>
        Assert.Equal(expected, ApiStatusClasses.Parse(label));

    /// <summary>The filter, written out plainly over the calls in memory.</summary>
    private static bool Matches(ApiCall call, ApiCallQuery query) =>
        (query.StatusClass is not { } statusClass
         || (statusClass == ApiStatusClass.NoResponse ? call.StatusCode is null
             : call.StatusCode / 100 == (int)statusClass))
        && (query.StatusMin is not { } min || call.StatusCode >= min)
        && (query.StatusMax is not { } max || call.StatusCode <= max)
        && (query.Method is null || string.Equals(call.Method, query.Method, StringComparison.OrdinalIgnoreCase))
        && (query.Service is null || call.Service == query.Service)
        && (query.Endpoint is null || call.Endpoint.Contains(query.Endpoint, StringComparison.OrdinalIgnoreCase));

    private static ApiCall Call(int userId, string method, string endpoint, int? status, int latencyMs,
        int? retryAfter = null,
        string? error = null, string service = "api") => new()
    {
        UserId = userId, Service = service, Method = method, Endpoint = endpoint, StatusCode = status,
            LatencyMs = latencyMs,
        RetryAfterSeconds = retryAfter, Error = error,
    };
}
