using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Dashboard.Web.Tests.Import;
using Dashboard.Web.Tests.Support;
using Npgsql;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Two app processes on one PostgreSQL database and one shared data folder, as behind a load balancer: a
/// session made on one works on the other, each job runs once on whichever instance takes it, and the job of an
/// instance that is killed mid-run is taken over by the other; live progress and cancels reach across. PostgreSQL
/// only, whatever the suite runs on.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "dashboard-cluster-tests", Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreatePostgresAsync();

    [Fact]
    public async Task Two_instances_share_sessions_and_run_each_scheduled_job_once()
    {
        using var first = await StartAsync("instance-a");
        using var second = await StartAsync("instance-b");
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
            var response = await client.PostAsJsonAsync("/api/v1/reports", new { type = "daily_analytics", format = "zip", date = $"2025-06-{10 + i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            requested.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString()!);
        }
        foreach (var id in requested)
        {
            await CrashRecoveryTests.WaitUntilAsync(async () => await ReportStatusAsync(onSecond, id) == "completed", TimeSpan.FromSeconds(120));
            // The file was written by whichever instance ran the job, to the shared folder: both can serve it.
            Assert.Equal("completed", await ReportStatusAsync(onFirst, id));
        }

        // Quartz records a run in its history once the job has ended, a moment after the report says completed.
        var runs = new List<(string ReportId, string Instance, bool Succeeded)>();
        await CrashRecoveryTests.WaitUntilAsync(async () => (runs = await ReportRunsAsync()).Count >= requested.Count);
        Assert.Equal(requested.Order(), runs.Select(r => r.ReportId).Order());
        Assert.All(runs.GroupBy(r => r.ReportId), report => Assert.Single(report));
        Assert.All(runs, run => Assert.True(run.Succeeded));
        Assert.All(runs, run => Assert.Contains(run.Instance, new[] { "instance-a", "instance-b" }));
    }

    [Fact]
    public async Task The_import_of_an_instance_killed_mid_run_is_taken_over_by_the_other()
    {
        const int records = 150_000;
        using var first = await StartAsync("instance-a");
        using var second = await StartAsync("instance-b");
        var (jobId, instances, runner) = await StartImportAsync(first, second, records);

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
        Assert.Equal(records, await ScalarAsync($"SELECT count(*) FROM plays WHERE import_id = {jobId}"));

        // The run that completed it is the survivor's, recovered work (Quartz runs it under a trigger of its own, in the
        // group RECOVERING_JOBS), recorded in Quartz's history once the job has ended, a moment after the import says
        // completed.
        await CrashRecoveryTests.WaitUntilAsync(async () => (await ExecutionsAsync("import"))
            .Any(e => e.Instance == survivor.Key && e.Succeeded && e.TriggerGroup == "RECOVERING_JOBS"));
    }

    [Fact]
    public async Task An_import_running_on_one_instance_shows_its_progress_on_the_other_and_is_cancelled_from_it()
    {
        using var first = await StartAsync("instance-a");
        using var second = await StartAsync("instance-b");
        var (jobId, instances, runner) = await StartImportAsync(first, second, records: 150_000);
        var other = instances.Single(i => i.Key != runner).Value.Client;

        // The progress lives in the running instance's memory; the other has it from the cluster channel.
        await CrashRecoveryTests.WaitUntilAsync(async () =>
        {
            var job = await other.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
            return job.GetProperty("status").GetString() == "running" && job.GetProperty("items_processed").GetInt32() > 0;
        });

        // A cancel sent to the other instance stops the import where it runs, and nothing of it is kept.
        other.DefaultRequestHeaders.Add("RequestVerificationToken", await other.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync($"/api/v1/history/import/{jobId}/cancel", null)).StatusCode);
        JsonElement done = default;
        await CrashRecoveryTests.WaitUntilAsync(async () =>
        {
            done = await other.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
            return done.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        });
        Assert.Equal("cancelled", done.GetProperty("status").GetString());
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM plays WHERE import_id = {jobId}"));
    }

    /// <summary>
    /// Signs in on the first instance (the second shares the session), uploads an export of <paramref name="records"/>
    /// plays and waits until one of the two is writing it.
    /// </summary>
    private async Task<(int JobId, Dictionary<string, (AppProcess Process, HttpClient Client)> Instances, string Runner)> StartImportAsync(
        AppProcess first, AppProcess second, int records)
    {
        var upload = Path.Combine(_dataFolder, "upload", "Streaming_History_Audio_2015-2020_0.json");
        CrashRecoveryTests.WriteLargeExport(upload, records);
        var cookies = new CookieContainer();
        var instances = new Dictionary<string, (AppProcess Process, HttpClient Client)>
        {
            ["instance-a"] = (first, await first.SignInAsync(cookies)),
            ["instance-b"] = (second, second.Client(cookies)),
        };
        var jobId = await UploadAsync(instances["instance-a"].Client, upload);

        string? runner = null;
        await CrashRecoveryTests.WaitUntilAsync(async () =>
        {
            // Imports run one at a time across the cluster (the demo history's goes first), so while this one
            // writes, the executing import is this one.
            runner = await ExecutingInstanceAsync("imports");
            if (runner is null)
            {
                return false;
            }
            var job = await instances[runner].Client.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
            return job.GetProperty("status").GetString() == "running" && job.GetProperty("items_processed").GetInt32() > 0;
        }, TimeSpan.FromSeconds(180));
        return (jobId, instances, runner!);
    }

    private Task<AppProcess> StartAsync(string instanceId) => AppProcess.StartAsync(_dataFolder, new Dictionary<string, string?>
    {
        ["Database__Provider"] = "Postgres",
        ["Database__ConnectionString"] = _database.ConnectionString,
        ["Jobs__InstanceId"] = instanceId,
        // Quick to notice a dead instance, so the test does not wait the production default.
        ["Jobs__CheckinInterval"] = "00:00:01",
        ["Jobs__CheckinMisfireThreshold"] = "00:00:03",
        // The test polls the API as one user, faster than the default rate limit allows.
        ["RateLimit__PermitLimit"] = "100000",
    });

    private static async Task<string?> ReportStatusAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}")).GetProperty("data").GetProperty("status").GetString();

    private static async Task<int> UploadAsync(HttpClient client, string path)
    {
        var token = SignedInClient.HiddenFields(await client.GetStringAsync("/imports"), "__RequestVerificationToken")["__RequestVerificationToken"];
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/history/import") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        var accepted = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        return int.Parse(accepted.GetProperty("job_id").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>The instance running a job of the group <paramref name="jobGroup"/> now, from Quartz's table of fired triggers.</summary>
    private async Task<string?> ExecutingInstanceAsync(string jobGroup)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT instance_name FROM qrtz_fired_triggers WHERE job_group = @group AND state = 'EXECUTING' LIMIT 1", connection);
        command.Parameters.AddWithValue("group", jobGroup);
        return await command.ExecuteScalarAsync() as string;
    }

    private sealed record Execution(string TriggerName, string TriggerGroup, string Instance, bool Succeeded)
    {
        public string ReportId => TriggerName["report-".Length..];
    }

    /// <summary>Every report job that ran, from Quartz's execution history: one row per run, with the instance.</summary>
    private async Task<List<(string ReportId, string Instance, bool Succeeded)>> ReportRunsAsync() =>
        (await ExecutionsAsync("report")).Select(e => (Guid.ParseExact(e.ReportId, "N").ToString(), e.Instance, e.Succeeded)).ToList();

    private async Task<List<Execution>> ExecutionsAsync(string job)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT trigger_name, trigger_group, instance_name, succeeded FROM qrtz_execution_history WHERE job_name = @job", connection);
        command.Parameters.AddWithValue("job", job);
        await using var reader = await command.ExecuteReaderAsync();
        var executions = new List<Execution>();
        while (await reader.ReadAsync())
        {
            executions.Add(new Execution(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }
        return executions;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of the temp folder.
        }
    }
}
