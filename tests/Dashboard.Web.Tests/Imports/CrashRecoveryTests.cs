using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Core.Imports;
using Dashboard.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Imports;

/// <summary>
/// The app process is killed in the middle of an import, for real, and started again on the same data: the
/// import shows as interrupted and not a single row of it is in the database.
/// </summary>
[RunsLong]
[RunsOn(DatabaseProvider.Sqlite)]
public sealed class CrashRecoveryTests : IAsyncDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "dashboard-crash-tests",
        Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_crash_mid_import_leaves_no_rows_and_the_import_shows_as_interrupted()
    {
        var upload = Path.Combine(_dataFolder, "upload", "Streaming_History_Audio_2015-2020_0.json");
        // Seconds of writing on SQLite: the app is killed a moment after the import is seen writing.
        WriteLargeExport(upload, records: 60_000);

        using var first = await AppProcess.StartAsync(_dataFolder, SqliteSettings);
        using var client = await first.SignInAsync();
        // The demo listener's history is imported after the sign-in, queued as any upload: counted once it is in.
        await WaitUntilAsync(() =>
            Task.FromResult(
                    Scalar($"SELECT count(*) FROM imports WHERE status IN ({(int)ImportStatus.Pending}, " +
                    $"{(int)ImportStatus.Running})") == 0));
        var playsBefore = PlayCount();
        var token = SignedInClient.HiddenFields(await client.GetStringAsync("/imports"),
            "__RequestVerificationToken")["__RequestVerificationToken"];
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(upload));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", Path.GetFileName(upload));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/history/import") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        var accepted = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var jobId = accepted.GetProperty("job_id").GetString();

        // Wait until the import is writing, then kill the process without any chance to clean up.
        await WaitUntilAsync(async () =>
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
            return job.GetProperty("status").GetString() == "running"
                && job.GetProperty("items_processed").GetInt32() > 0;
        });
        first.Kill();

        using var second = await AppProcess.StartAsync(_dataFolder, SqliteSettings);
        using var again = await second.SignInAsync();
        var after = await again.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
        Assert.Equal("interrupted", after.GetProperty("status").GetString());
        Assert.Contains("Nothing from it was kept", after.GetProperty("error").GetString());
        Assert.Equal(playsBefore, PlayCount());
        Assert.Equal(0, Scalar("SELECT count(*) FROM plays WHERE import_id = " + jobId));
    }

    /// <summary>
    /// The single-machine story, whatever the suite runs on: the SQLite file is read back below. A cluster on
    /// PostgreSQL recovers a dead instance's import instead (<see cref="Hosting.Cluster.ClusterTakeoverTests"/>).
    /// </summary>
    private static readonly Dictionary<string, string?> SqliteSettings = new()
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__ConnectionString"] = "",
    };

    private long PlayCount() => Scalar("SELECT count(*) FROM plays");

    private long Scalar(string sql)
    {
        using var connection =
            new SqliteConnection(
                $"Data Source={Path.Combine(_dataFolder, "dashboard.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    internal static void WriteLargeExport(string path, int records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write('[');
        var start = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < records; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }
            writer.Write($$"""
                {"ts":"{{start.AddMinutes(4 * i):yyyy-MM-ddTHH:mm:ssZ}}","platform":"android","ms_played":200000,
                 "conn_country":"DE","ip_addr":"192.0.2.1","master_metadata_track_name":"Song {{i % 7000}}",
                 "master_metadata_album_artist_name":"Artist {{i % 900}}",
                 "master_metadata_album_album_name":"Album {{i % 2000}}",
                 "spotify_track_uri":"spotify:track:{{i % 7000:D22}}","episode_name":null,"episode_show_name":null,
                 "spotify_episode_uri":null,"reason_start":"trackdone","reason_end":"trackdone","shuffle":false,
                 "skipped":false,"offline":false,"offline_timestamp":0,"incognito_mode":false}
                """);
        }
        writer.Write(']');
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException("What the test waits for did not happen in time.");
            }
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of the temp folder.
        }
        return ValueTask.CompletedTask;
    }
}
