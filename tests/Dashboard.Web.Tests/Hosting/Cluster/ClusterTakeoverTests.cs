using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Web.Tests.Imports;

namespace Dashboard.Web.Tests.Hosting.Cluster;

/// <summary>The import of an instance that is killed mid-run is taken over by the other.</summary>
[RunsLong]
[RunsOn(DatabaseProvider.Postgres)]
public sealed class ClusterTakeoverTests(ClusterBed cluster) : IClassFixture<ClusterBed>
{
    [Fact]
    public async Task The_import_of_an_instance_killed_mid_run_is_taken_over_by_the_other()
    {
        const int records = ClusterBed.SecondsOfImport;
        using var first = await cluster.StartAsync("instance-a");
        using var second = await cluster.StartAsync("instance-b");
        var (jobId, instances, runner) = await cluster.StartImportAsync(first, second, records);

        // Whichever instance took the import is killed as soon as it is writing.
        instances[runner].Process.Kill();
        var survivor = instances.Single(i => i.Key != runner);

        // The survivor notices the missed check-ins, reclaims the import and runs it from the start.
        JsonElement done = default;
        await CrashRecoveryTests.WaitUntilAsync(async () =>
        {
            done = await survivor.Value.Client.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
            return done.GetProperty("status").GetString() is "completed" or "failed" or "interrupted";
        }, TimeSpan.FromSeconds(180));
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(records, await cluster.ScalarAsync($"SELECT count(*) FROM plays WHERE import_id = {jobId}"));

        // The run that completed it is the survivor's, recovered work (Quartz runs it under a trigger of its own, in
        // the group RECOVERING_JOBS), recorded in Quartz's history once the job has ended, a moment after the import
        // says completed.
        await CrashRecoveryTests.WaitUntilAsync(async () => (await cluster.ExecutionsAsync("import"))
            .Any(e => e.Instance == survivor.Key && e.Succeeded && e.TriggerGroup == "RECOVERING_JOBS"));
    }
}
