using System.Net;
using Dashboard.Core.Data;
using Dashboard.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Api;

/// <summary>The health checks, on one app for the class but for the test that takes the database away.</summary>
public sealed class HealthEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Health_says_healthy_with_service_and_version()
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("""^\{"status":"healthy","service":"dashboard","version":"\d+\.\d+\.\d+[^"]*"\}$""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_is_ready_when_the_database_answers()
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/api/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"ready"}""", await response.Content.ReadAsStringAsync());
        // A cache between the app and its monitor must not answer for it.
        Assert.True(response.Headers.CacheControl is { NoStore: true, NoCache: true });
    }

    [Fact]
    public async Task The_checks_answer_only_GET()
    {
        using var client = app.Factory.CreateClient();

        var live = await client.PostAsync("/api/health", null);
        var ready = await client.PostAsync("/api/health/ready", null);

        Assert.Equal((HttpStatusCode.MethodNotAllowed, HttpStatusCode.MethodNotAllowed),
            (live.StatusCode, ready.StatusCode));
    }

    [Fact]
    public async Task Ready_answers_503_with_a_reason_when_the_database_is_gone()
    {
        // An app of its own, whose database is taken away.
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/ready")).StatusCode);

        if (factory.Database.Provider == DatabaseProvider.Postgres)
        {
            // The database is dropped from under the app.
            await factory.Database.DisposeAsync();
        }
        else
        {
            // The database file disappears and something else takes its place.
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(factory.DataFolder, "dashboard.db*"))
            {
                File.Delete(file);
            }
            Directory.CreateDirectory(factory.DatabasePath);
        }

        var response = await client.GetAsync("/api/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"not_ready","reason":"database not reachable"}""",
            await response.Content.ReadAsStringAsync());
    }
}
