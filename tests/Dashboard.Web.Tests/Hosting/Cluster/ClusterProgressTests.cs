using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Web.Tests.Imports;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Hosting.Cluster;

/// <summary>An import's live progress and its cancel reach across instances.</summary>
[RunsLong]
[RunsOn(DatabaseProvider.Postgres)]
public sealed class ClusterProgressTests(ClusterBed cluster) : IClassFixture<ClusterBed>
{
    [Fact]
    public async Task An_import_running_on_one_instance_shows_its_progress_on_the_other_and_is_cancelled_from_it()
    {
        using var first = await cluster.StartAsync("instance-a");
        using var second = await cluster.StartAsync("instance-b");
        var (jobId, instances, runner) =
            await cluster.StartImportAsync(first, second, records: ClusterBed.SecondsOfImport);
        var other = instances.Single(i => i.Key != runner).Value.Client;

        // The progress lives in the running instance's memory; the other has it from the cluster channel.
        await CrashRecoveryTests.WaitUntilAsync(async () =>
        {
            var job = await other.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
            return job.GetProperty("status").GetString() == "running"
                && job.GetProperty("items_processed").GetInt32() > 0;
        });

        // A cancel sent to the other instance stops the import where it runs, and nothing of it is kept.
        other.DefaultRequestHeaders.Add("RequestVerificationToken", await other.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.OK,
            (await other.PostAsync($"/api/v1/history/import/{jobId}/cancel", null)).StatusCode);
        JsonElement done = default;
        await CrashRecoveryTests.WaitUntilAsync(async () =>
        {
            done = await other.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
            return done.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        });
        Assert.Equal("cancelled", done.GetProperty("status").GetString());
        Assert.Equal(0, await cluster.ScalarAsync($"SELECT count(*) FROM plays WHERE import_id = {jobId}"));
    }
}
