using Dashboard.Core.Data;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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

        var body = await client.GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("dashboard", body.GetProperty("service").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Ready_is_ready_when_the_database_answers()
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/api/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
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
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_ready", body.GetProperty("status").GetString());
        Assert.Equal("database not reachable", body.GetProperty("reason").GetString());
    }
}
