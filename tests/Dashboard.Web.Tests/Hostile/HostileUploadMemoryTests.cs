using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Tests.Imports;
using Dashboard.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Hostile;

/// <summary>
/// The app as a process of its own, so its peak resident memory (<c>VmHWM</c>) is its own: a small upload that unpacks
/// to hundreds of megabytes of whitespace must leave it where an ordinary import does.
/// </summary>
[RunsLong]
public sealed class HostileUploadMemoryTests : IAsyncLifetime
{
    /// <summary>
    /// The most the app may reach, with the demo history a sign-in imports, the whitespace zip and the widest trends.
    /// </summary>
    private const long PeakBound = 400L * 1024 * 1024;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "dashboard-hostile-tests",
        Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    [Fact]
    public async Task A_900_KB_zip_of_200_MB_of_whitespace_leaves_the_peak_memory_under_400_MB()
    {
        var zip = HostileUploadFiles.WhitespaceZip(200L * 1024 * 1024);
        var (length, compressed) = HostileUploadFiles.EntrySize(zip, HostileUploadFiles.ExtendedName);
        Assert.InRange(length / compressed, 150, 249);
        Assert.InRange(zip.Length, 800 * 1024, 1024 * 1024);
        var settings = _database.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal),
            s => s.Value);
        // The test polls the import as fast as it likes.
        settings["RateLimit__PermitLimit"] = "100000";
        using var app = await AppProcess.StartAsync(_dataFolder, settings);
        using var client = await app.SignInAsync();

        Import? job = null;
        var trends = new List<HttpResponseMessage>();
        try
        {
            var jobId = await UploadAsync(client, zip);
            await CrashRecoveryTests.WaitUntilAsync(async () =>
            {
                job = await client.GetFromJsonAsync<Import>($"/api/v1/history/import/{jobId}",
                    JsonSerializerOptions.Web);
                return job!.Status is not ("pending" or "running");
            }, TimeSpan.FromMinutes(5));
            // The widest trends the API accepts, each split by platform: days over a year, weeks over ten years, months
            // over every day there can be plays.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            (DateOnly From, string Granularity)[] ranges =
                [(today.AddDays(-365), "day"), (today.AddDays(-3_652), "week"), (new DateOnly(2006, 1, 1), "month")];
            foreach (var (from, granularity) in ranges)
            {
                var range = string.Create(CultureInfo.InvariantCulture,
                    $"period=custom&from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
                trends.Add(await client.GetAsync(
                    $"/api/v1/analytics/trend?{range}&granularity={granularity}&breakdown_dimension=platform"));
            }
        }
        catch (Exception e) when (e is TimeoutException or TaskCanceledException)
        {
            throw new TimeoutException(
                $"The app did not answer in time; it had reached {PeakResidentBytes(app.ProcessId) / (1024 * 1024)} " +
                "MB resident.", e);
        }
        var peak = PeakResidentBytes(app.ProcessId);
        TestContext.Current.TestOutputHelper?.WriteLine($"Peak resident memory: {peak / (1024 * 1024)} MB");

        Assert.Equal(("completed", 2), (job!.Status, job.Inserted));
        Assert.All(trends, trend => Assert.Equal(HttpStatusCode.OK, trend.StatusCode));
        Assert.True(peak < PeakBound, $"The app peaked at {peak / (1024 * 1024)} MB resident.");
    }

    private static async Task<string> UploadAsync(HttpClient client, byte[] zip)
    {
        var token = SignedInClient.HiddenFields(await client.GetStringAsync("/imports"),
            "__RequestVerificationToken")["__RequestVerificationToken"];
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "file", "my_spotify_data.zip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/history/import") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!;
    }

    /// <summary>The most memory the process has held resident since it started, as Linux reports it.</summary>
    private static long PeakResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status")
            .Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private sealed record Import(string Status, int Inserted);

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await _database.DisposeAsync();
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
