using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hostile;

/// <summary>
/// A file as a client sends it: its name, its bytes, and whether the name travels as RFC 5987 <c>filename*</c>.
/// </summary>
public sealed record HostileUpload(string Name, byte[] Content, bool NameAsStar = false);

/// <summary>
/// What a user owns after an upload, and the catalogue all users share: an upload refused must change none of it.
/// </summary>
public sealed record HostileUploadRows(int Plays, int Tracks, int Artists, int Albums, int Shows, int Episodes,
    int Imports);

/// <summary>
/// One app for the hostile upload suite, with small limits so bombs stay small: uploads up to 16 MB, zips up to 64 MB
/// unpacked. It runs on the system's clock: the job scheduler plans by it, so a test clock shifted far enough to pin
/// the day would leave the imports waiting (<see cref="OnOneDayAsync"/> keeps "tomorrow" still instead).
/// </summary>
public sealed class HostileUploadApp : IAsyncLifetime
{
    public const long MaxUploadBytes = 16 * 1024 * 1024;
    public const long MaxUnpackedBytes = 64 * 1024 * 1024;

    public DashboardFactory Factory { get; }

    public HostileUploadApp()
    {
        Factory = new DashboardFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Import:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Import:MaxUnpackedBytes"] =
                    MaxUnpackedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>Today by the app's clock (UTC).</summary>
    public DateTime Today => Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date;

    /// <summary>
    /// Runs a case that depends on the date, given today's, and runs it again should midnight (UTC) pass while it ran:
    /// what it returns was then decided on one day throughout.
    /// </summary>
    public async Task<T> OnOneDayAsync<T>(Func<DateTime, Task<T>> run)
    {
        while (true)
        {
            var today = Today;
            var result = await run(today);
            if (Today == today)
            {
                return result;
            }
        }
    }

    public ValueTask InitializeAsync()
    {
        // Starts the app, once for the class.
        _ = Factory.Services;
        return ValueTask.CompletedTask;
    }

    /// <summary>A new user, signed in with a personal token of theirs.</summary>
    public async Task<(HttpClient Client, int UserId)> NewListenerAsync()
    {
        var userId = await Factory.AddUserAsync($"hostile-{Guid.NewGuid():N}");
        var client =
            Factory.CreateClient(
                new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await Factory.CreateTokenAsync(userId));
        return (client, userId);
    }

    public async Task<HostileUploadRows> RowsAsync(int userId)
    {
        await using var db = await Factory.DbAsync();
        return new HostileUploadRows(
            await db.Plays.CountAsync(p => p.UserId == userId),
            await db.Tracks.CountAsync(),
            await db.Artists.CountAsync(),
            await db.Albums.CountAsync(),
            await db.Shows.CountAsync(),
            await db.Episodes.CountAsync(),
            await db.Imports.CountAsync(i => i.UserId == userId));
    }

    /// <summary>Posts the files to the upload endpoint as one multipart body, written byte for byte.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, params HostileUpload[] files)
    {
        const string boundary = "hostile-upload-boundary";
        using var body = new MemoryStream();
        foreach (var file in files)
        {
            var name = file.NameAsStar
                ? $"filename*=UTF-8''{Uri.EscapeDataString(file.Name)}"
                : $"filename=\"{file.Name}\"";
            body.Write(Encoding.UTF8.GetBytes(
                $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; {name}\r\nContent-Type: " +
                "application/octet-stream\r\n\r\n"));
            body.Write(file.Content);
            body.Write("\r\n"u8);
        }
        body.Write(Encoding.UTF8.GetBytes($"--{boundary}--\r\n"));
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return await client.PostAsync("/api/v1/history/import", content);
    }

    /// <summary>Polls the import until it has ended; an import of these small files ends within seconds.</summary>
    public static async Task<JsonElement> WaitForEndAsync(HttpClient client, string jobId)
    {
        JsonElement job = default;
        try
        {
            await Imports.CrashRecoveryTests.WaitUntilAsync(async () =>
            {
                job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}");
                return job.GetProperty("status").GetString() is not ("pending" or "running");
            });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Import {jobId} did not end: {job}", e);
        }
        return job;
    }

    /// <summary>A request after the upload: the app still answers.</summary>
    public static async Task AssertStillServingAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/history/imports");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
