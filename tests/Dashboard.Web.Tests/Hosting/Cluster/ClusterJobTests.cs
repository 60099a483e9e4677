using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Web.Tests.Imports;

namespace Dashboard.Web.Tests.Hosting.Cluster;

/// <summary>
/// A session made on one instance works on the other, and each scheduled job runs once, on whichever instance takes it.
/// </summary>
[RunsLong]
[RunsOn(DatabaseProvider.Postgres)]
public sealed class ClusterJobTests(ClusterBed cluster) : IClassFixture<ClusterBed>
{
    [Fact]
    public async Task Two_instances_share_sessions_and_run_each_scheduled_job_once()
    {
        using var first = await cluster.StartAsync("instance-a");
        using var second = await cluster.StartAsync("instance-b");
        var cookies = new CookieContainer();
        using var onFirst = await first.SignInAsync(cookies);
        // The session cookie was protected by the first instance; the second reads it with the keys in the database.
        using var onSecond = second.Client(cookies);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/reports")).StatusCode);

        // Reports requested through both instances; each is a job that one instance or the other runs.
        var requested = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var client = i % 2 == 0 ? onFirst : onSecond;
            var response = await client.PostAsJsonAsync("/api/v1/reports",
                new { type = "daily_analytics", format = "zip", date = $"2025-06-{10 + i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            requested.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data")
                .GetProperty("id").GetString()!);
        }
        foreach (var id in requested)
        {
            await CrashRecoveryTests.WaitUntilAsync(async () =>
                await ClusterBed.ReportStatusAsync(onSecond, id) == "completed", TimeSpan.FromSeconds(120));
            // The file was written by whichever instance ran the job, to the shared folder: both can serve it.
            Assert.Equal("completed", await ClusterBed.ReportStatusAsync(onFirst, id));
        }

        // Quartz records a run in its history once the job has ended, a moment after the report says completed.
        var runs = new List<(string ReportId, string Instance, bool Succeeded)>();
        await CrashRecoveryTests.WaitUntilAsync(async () =>
            (runs = await cluster.ReportRunsAsync()).Count >= requested.Count);
        Assert.Equal(requested.Order(), runs.Select(r => r.ReportId).Order());
        Assert.All(runs.GroupBy(r => r.ReportId), report => Assert.Single(report));
        Assert.All(runs, run => Assert.True(run.Succeeded));
        Assert.All(runs, run => Assert.Contains(run.Instance, new[] { "instance-a", "instance-b" }));
    }
}
