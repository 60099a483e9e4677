using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Tests.Imports;
using Dashboard.Web.Tests.Support;
using Npgsql;

namespace Dashboard.Web.Tests.Hosting.Cluster;

/// <summary>
/// Two app processes on one PostgreSQL database and one shared data folder, as behind a load balancer. PostgreSQL
/// only, whatever the suite runs on. Each test class has a cluster of its own, so that the classes run side by side
/// (each takes up to a minute, much of it waiting on the app processes).
/// </summary>
public sealed class ClusterBed : IAsyncDisposable
{
    /// <summary>
    /// An import that takes seconds on PostgreSQL: the test acts on it (kills its instance, cancels it) a moment after
    /// it is seen writing, well before its end.
    /// </summary>
    public const int SecondsOfImport = 40_000;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "dashboard-cluster-tests",
        Guid.NewGuid().ToString("N"));
    private TestDatabase? _database;

    private string ConnectionString =>
        _database?.ConnectionString ?? throw new InvalidOperationException("No instance started: no database yet.");

    /// <summary>
    /// Signs in on the first instance (the second shares the session), uploads an export of <paramref name="records"/>
    /// plays and waits until one of the two is writing it.
    /// </summary>
    public async Task<(int JobId, Dictionary<string, (AppProcess Process, HttpClient Client)> Instances, string Runner)>
        StartImportAsync(AppProcess first, AppProcess second, int records)
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
            return job.GetProperty("status").GetString() == "running"
                && job.GetProperty("items_processed").GetInt32() > 0;
        }, TimeSpan.FromSeconds(180));
        return (jobId, instances, runner!);
    }

    /// <summary>
    /// Starts an instance, on the cluster's database. The first one makes the database: in the test, not in the
    /// fixture, so that without a PostgreSQL server the tests are skipped (a fixture's skip counts as a failure).
    /// </summary>
    public async Task<AppProcess> StartAsync(string instanceId)
    {
        _database ??= await TestDatabase.CreatePostgresAsync();
        return await AppProcess.StartAsync(_dataFolder, new Dictionary<string, string?>
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
    }

    public static async Task<string?> ReportStatusAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}")).GetProperty("data").GetProperty("status")
            .GetString();

    private static async Task<int> UploadAsync(HttpClient client, string path)
    {
        var token = SignedInClient.HiddenFields(await client.GetStringAsync("/imports"),
            "__RequestVerificationToken")["__RequestVerificationToken"];
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/history/import") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        var accepted = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        return int.Parse(accepted.GetProperty("job_id").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The instance running a job of the group <paramref name="jobGroup"/> now, from Quartz's table of fired triggers.
    /// </summary>
    private async Task<string?> ExecutingInstanceAsync(string jobGroup)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT instance_name FROM qrtz_fired_triggers WHERE job_group = @group AND state = 'EXECUTING' LIMIT 1",
            connection);
        command.Parameters.AddWithValue("group", jobGroup);
        return await command.ExecuteScalarAsync() as string;
    }

    public sealed record Execution(string TriggerName, string TriggerGroup, string Instance, bool Succeeded)
    {
        public string ReportId => TriggerName["report-".Length..];
    }

    /// <summary>
    /// Every report job that ran, from Quartz's execution history: one row per run, with the instance.
    /// </summary>
    public async Task<List<(string ReportId, string Instance, bool Succeeded)>> ReportRunsAsync() =>
        (await ExecutionsAsync("report"))
            .Select(e => (Guid.ParseExact(e.ReportId, "N").ToString(), e.Instance, e.Succeeded)).ToList();

    public async Task<List<Execution>> ExecutionsAsync(string job)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT trigger_name, trigger_group, instance_name, succeeded FROM qrtz_execution_history " +
            "WHERE job_name = @job", connection);
        command.Parameters.AddWithValue("job", job);
        await using var reader = await command.ExecuteReaderAsync();
        var executions = new List<Execution>();
        while (await reader.ReadAsync())
        {
            executions.Add(
                new Execution(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }
        return executions;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
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
