using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ApiCallsPage = Dashboard.Web.Components.Pages.ApiCalls.ApiCalls;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class ApiCallsPageTests : DashboardComponentTest
{
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private readonly FakeApiCallLog _log = new();

    public ApiCallsPageTests()
    {
        Services.AddSingleton<ApiCallLog>(_log);
        Services.AddSingleton(new SyncNotifier(NullLogger<SyncNotifier>.Instance, SingleInstance));
        Services.AddSingleton<UserAccounts>(new FakeAccounts());
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(Now)));
    }

    [Fact]
    public void Shows_the_figures_top_endpoints_and_the_log()
    {
        _log.Stats = new ApiCallStats(1_250, 25, 3, 0.98, 184.6,
            [new(ApiStatusClass.Success, 1_225), new(ApiStatusClass.Redirect, 0), new(ApiStatusClass.ClientError, 20),
            new(ApiStatusClass.ServerError, 4),
                new(ApiStatusClass.NoResponse, 1)],
            [new EndpointUsage("GET", "/v1/me/player/recently-played", 800, 2, 150),
            new EndpointUsage("GET", "/v1/tracks/{id}", 400, 20, 210)]);
        _log.Calls =
        [
            new ApiCallEntry(2, "api", "GET", "/v1/tracks/{id}", 429, 48, 30, "API rate limit exceeded",
            Now.AddMinutes(-1)),
            new ApiCallEntry(1, "api", "GET", "/v1/me/player", null, 10_000, null, "No answer within 10000 ms",
            Now.AddMinutes(-2)),
        ];

        var page = RenderSignedIn<ApiCallsPage>();

        page.WaitForAssertion(() =>
            Assert.Equal("1,250", page.Find("[data-testid=stat-calls] .stat-card-value").TextContent));
        Assert.Equal("98%", page.Find("[data-testid=stat-success] .stat-card-value").TextContent);
        Assert.Contains("3 rate-limited (429)", page.Find("[data-testid=stat-errors]").TextContent);
        Assert.Equal("185 ms", page.Find("[data-testid=stat-latency] .stat-card-value").TextContent);
        Assert.Contains("GET /v1/me/player/recently-played", page.FindAll("[data-testid=top-endpoint]")[0].TextContent);
        Assert.Contains("20 errors", page.FindAll("[data-testid=top-endpoint]")[1].TextContent);
        Assert.Contains("4xx: 20 calls", page.Find("[data-testid=status-distribution] figcaption").TextContent);
        var rows = page.FindAll("[data-testid=call-row]");
        Assert.Equal(["429", "No answer"], rows.Select(r => r.QuerySelector("[data-testid=call-status]")!.TextContent));
        Assert.Contains("30 s", rows[0].TextContent);
        Assert.Contains("10 Mar 2026, 12:59:00", rows[0].TextContent); // Berlin, an hour ahead of UTC
    }

    [Fact]
    public void Says_plainly_when_no_calls_match()
    {
        var page = RenderSignedIn<ApiCallsPage>();

        page.WaitForAssertion(() =>
            Assert.Contains("No calls match these filters", page.Find("[data-testid=no-calls]").TextContent));
    }
}
