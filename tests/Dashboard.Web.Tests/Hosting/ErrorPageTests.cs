using System.Net;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Outside Development a page request that fails on the server shows a page saying so, with the request id to quote,
/// instead of an empty answer. An app of its own: it adds a request that fails.
/// </summary>
public sealed class ErrorPageTests
{
    private const string FailingPath = "/test-failure";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_request_that_fails_shows_the_error_page_with_its_request_id()
    {
        await using var factory = new DashboardFactory
        {
            ConfigureServices = services => services.AddSingleton<IStartupFilter>(new FailingRequest()),
        };
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(FailingPath, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", page);
        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Contains(requestId, page);
        Assert.Contains(factory.Log.Messages,
            m => m.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Adds, after every endpoint of the app, a request that throws as a failing page would.</summary>
    private sealed class FailingRequest : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, following) => context.Request.Path == FailingPath
                ? throw new InvalidOperationException("A request that fails, for the test.")
                : following(context));
        };
    }
}
