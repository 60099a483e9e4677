using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Support.ImportUploads;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Uploading an export and following its import, on one app for the class: each test signs in a listener of its own.
/// </summary>
public sealed class ImportEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string Extended = ImportUploads.ExtendedSample;

    [Fact]
    public async Task A_browser_upload_without_the_antiforgery_token_is_refused()
    {
        using var listener = await app.Factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;

        var response = await client.PostAsync("/api/v1/history/import",
            Upload(("a.json", File.ReadAllBytes(Extended))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_upload_starts_a_job_whose_status_shows_its_progress_and_outcome()
    {
        using var listener = await app.Factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());

        var response = await client.PostAsync("/api/v1/history/import",
            Upload(("Streaming_History_Audio_2024_4.json", File.ReadAllBytes(Extended))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = accepted.GetProperty("job_id").GetString()!;
        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        Assert.Equal(0, accepted.GetProperty("items_processed").GetInt32());
        Assert.Equal(3328, accepted.GetProperty("items_total").GetInt32());
        Assert.Equal($"/api/v1/history/import/{jobId}", response.Headers.Location!.OriginalString);

        var job = await WaitForEndAsync(client, jobId);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(3328, job.GetProperty("items_processed").GetInt32());
        Assert.Equal(3318, job.GetProperty("inserted").GetInt32());
        Assert.Equal(10, job.GetProperty("duplicates").GetInt32());
        Assert.Equal("Streaming_History_Audio_2024_4.json", job.GetProperty("files")[0].GetString());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/history/imports");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("job_id").GetString() == jobId);
    }

    [Fact]
    public async Task A_file_that_cannot_be_imported_is_422_with_the_reason()
    {
        using var listener = await app.Factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());

        var response = await client.PostAsync("/api/v1/history/import",
            Upload(("Userdata.json", """{"username":"x"}"""u8.ToArray())));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail")[0];
        Assert.Equal(["body", "file"], detail.GetProperty("loc").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("No streaming history was found", detail.GetProperty("msg").GetString());
        Assert.Equal("value_error.import", detail.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Another_users_import_is_not_found()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;
        int othersImport;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>()
            .CreateDbContextAsync())
        {
            var other = new Core.Accounts.User { SpotifyId = TestListeners.UniqueId("someone-else"),
                DisplayName = "Someone else" };
            db.Users.Add(other);
            await db.SaveChangesAsync();
            var import = new Core.Imports.Import { UserId = other.Id, FileNames = "theirs.json",
                StoragePath = "/nonexistent" };
            db.Imports.Add(import);
            await db.SaveChangesAsync();
            othersImport = import.Id;
        }

        var response = await client.GetAsync($"/api/v1/history/import/{othersImport}");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());
        var cancel = await client.PostAsync($"/api/v1/history/import/{othersImport}/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Import not found",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.DoesNotContain((await client.GetFromJsonAsync<JsonElement>("/api/v1/history/imports"))
            .GetProperty("items").EnumerateArray(),
            i => i.GetProperty("job_id")
            .GetString() == othersImport.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal("Import not found",
            (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await using var check = await factory.DbAsync();
        Assert.Equal(Core.Imports.ImportStatus.Pending,
            (await check.Imports.SingleAsync(i => i.Id == othersImport)).Status);
    }

    [Fact]
    public async Task Cancelling_needs_the_antiforgery_token_with_a_cookie_but_not_with_a_bearer_token()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var (cookie, userId) = (listener.Client, listener.UserId);
        var (forgedId, byTokenId, byPageId) = (await WaitingImportAsync(factory, userId),
            await WaitingImportAsync(factory, userId),
            await WaitingImportAsync(factory, userId));
        using var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await factory.CreateTokenAsync(userId, "cli"));

        var forged = await cookie.PostAsync($"/api/v1/history/import/{forgedId}/cancel", null);
        var byToken = await bearer.PostAsync($"/api/v1/history/import/{byTokenId}/cancel", null);
        cookie.DefaultRequestHeaders.Add("RequestVerificationToken", await cookie.AntiforgeryTokenAsync());
        var byPage = await cookie.PostAsync($"/api/v1/history/import/{byPageId}/cancel", null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        Assert.Equal("cancelling",
            (await byToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, byPage.StatusCode);
        await using var db = await factory.DbAsync();
        var statuses = await db.Imports.Where(i => i.Id == forgedId || i.Id == byTokenId || i.Id == byPageId)
            .ToDictionaryAsync(i => i.Id, i => i.Status);
        Assert.Equal(Core.Imports.ImportStatus.Pending, statuses[forgedId]);
        Assert.Equal(Core.Imports.ImportStatus.Cancelled, statuses[byTokenId]);
        Assert.Equal(Core.Imports.ImportStatus.Cancelled, statuses[byPageId]);
    }

    /// <summary>An import waiting to run, as an upload leaves it, without a job to run it.</summary>
    private static async Task<int> WaitingImportAsync(DashboardFactory factory, int userId)
    {
        await using var db = await factory.DbAsync();
        var import = new Core.Imports.Import { UserId = userId, FileNames = "waiting.json",
            StoragePath = "/nonexistent" };
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        return import.Id;
    }
}
