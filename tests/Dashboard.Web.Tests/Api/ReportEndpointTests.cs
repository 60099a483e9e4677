using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Core.Reports;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// The reports API: request, poll, download through an expiring pre-signed link. One app for
/// the class; each test signs in listeners of its own.
/// </summary>
[RunsLong]
public sealed class ReportEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_report_goes_from_pending_to_completed_and_downloads_with_its_link_alone()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInNewListenerAsync();
        var client = listener.Client;

        var response = await client.PostAsJsonAsync("/api/v1/reports",
            new { type = "listening_history", format = "csv", period = "month" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("data");
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/reports/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Equal("listening_history", created.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("download_url").ValueKind);
        Assert.Equal("month", created.GetProperty("period").GetString());

        var report = await WaitForEndAsync(client, id);
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.True(report.GetProperty("total_records").GetInt32() > 0);
        Assert.NotEqual(JsonValueKind.Null, report.GetProperty("started_at").ValueKind);
        Assert.EndsWith("+00:00", report.GetProperty("completed_at").GetString());
        var url = new Uri(report.GetProperty("download_url").GetString()!);

        // The link works without the session, like a pre-signed URL.
        using var anonymous = factory.CreateClient();
        var download = await anonymous.GetAsync(url.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        var fileName = download.Content.Headers.ContentDisposition!.FileNameStar
            ?? download.Content.Headers.ContentDisposition.FileName;
        Assert.Equal(report.GetProperty("file_name").GetString(), fileName);
        Assert.Matches(@"^listening-history-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$", fileName);
        var lines = (await download.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(report.GetProperty("total_records").GetInt32(), lines.Length - 1);
        Assert.Equal(report.GetProperty("file_size_bytes").GetInt64(), download.Content.Headers.ContentLength);

        // Listed among the user's reports.
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct);
        Assert.Contains(list.GetProperty("data").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task An_altered_link_is_404_and_another_report_s_link_does_not_open_it()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;
        var first = await CompletedAsync(client, new { type = "top_lists", format = "json", period = "year" });
        var second = await CompletedAsync(client, new { type = "top_lists", format = "csv", period = "year" });
        using var anonymous = factory.CreateClient();
        var firstUrl = new Uri(first.GetProperty("download_url").GetString()!).PathAndQuery;
        var token = firstUrl[(firstUrl.IndexOf("token=", StringComparison.Ordinal) + 6)..];

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(firstUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(firstUrl[..^3] + "xyz", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await anonymous.GetAsync($"/api/v1/reports/{second.GetProperty("id").GetString()}/download?token={token}",
            Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await anonymous.GetAsync($"/api/v1/reports/{first.GetProperty("id").GetString()}/download",
                Ct)).StatusCode);
    }

    [Fact]
    public async Task Zip_and_json_downloads_say_their_type_and_come_as_attachments_named_for_the_report()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInNewListenerAsync();
        var client = listener.Client;
        var day = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var zipReport = await CompletedAsync(client, new { type = "daily_analytics", format = "zip", date = day });
        var jsonReport = await CompletedAsync(client,
            new { type = "listening_history", format = "json", period = "week" });
        using var anonymous = factory.CreateClient();

        var zip = await anonymous.GetAsync(new Uri(zipReport.GetProperty("download_url").GetString()!).PathAndQuery,
            Ct);
        var json = await anonymous.GetAsync(new Uri(jsonReport.GetProperty("download_url").GetString()!).PathAndQuery,
            Ct);

        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", zip.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"analytics-report-{day}.zip", zip.Content.Headers.ContentDisposition.FileNameStar
            ?? zip.Content.Headers.ContentDisposition.FileName);
        using (var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync(Ct)))
        {
            Assert.Equal($"analytics-report-{day}.json", Assert.Single(archive.Entries).FullName);
        }

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", json.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition!.DispositionType);
        var jsonName = json.Content.Headers.ContentDisposition.FileNameStar
            ?? json.Content.Headers.ContentDisposition.FileName;
        Assert.Equal(jsonReport.GetProperty("file_name").GetString(), jsonName);
        Assert.Matches(@"^listening-history-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.json$", jsonName);
        var body = JsonDocument.Parse(await json.Content.ReadAsByteArrayAsync(Ct)).RootElement;
        Assert.Equal(jsonReport.GetProperty("total_records").GetInt32(), body.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Bad_requests_are_422_naming_the_field_and_the_21st_active_report_is_409()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;

        var unknown = await client.PostAsJsonAsync("/api/v1/reports", new { type = "weekly_digest", format = "csv" },
            Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var detail = (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail")[0];
        Assert.Equal(["body", "type"], detail.GetProperty("loc").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains("daily_analytics", detail.GetProperty("msg").GetString());

        var future = await client.PostAsJsonAsync("/api/v1/reports",
            new { type = "daily_analytics", format = "zip", date = "2999-01-01" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal("date",
            (await future.Content.ReadFromJsonAsync<JsonElement>(Ct))
            .GetProperty("detail")[0].GetProperty("loc")[1].GetString());

        var noFormat = await client.PostAsJsonAsync("/api/v1/reports",
            new { type = "top_lists", format = "", period = "week" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noFormat.StatusCode);

        var notJson = await client.PostAsync("/api/v1/reports", new StringContent("type=top_lists"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);

        var broken = await client.PostAsync("/api/v1/reports",
            new StringContent("{\"type\":", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);

        // Twenty waiting reports: with the reports' trigger group paused (its new triggers start paused), nothing
        // finishes while the limit is tested.
        await using var paused = await PauseReportsAsync(factory);
        for (var i = 0; i < 20; i++)
        {
            var accepted = await client.PostAsJsonAsync("/api/v1/reports",
                new { type = "top_lists", format = "csv", period = "week" }, Ct);
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }
        var refused = await client.PostAsJsonAsync("/api/v1/reports",
            new { type = "top_lists", format = "csv", period = "week" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("You have reached the maximum of 20 active reports", body.GetProperty("error").GetString());
        Assert.Equal(20, body.GetProperty("active_count").GetInt32());
    }

    [Fact]
    public async Task An_expired_link_is_410_and_reading_the_report_again_gives_a_fresh_one()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;
        var created = await CompletedAsync(client, new { type = "period_summary", format = "pdf", period = "quarter" });
        var expiresAt = DateTimeOffset.Parse(created.GetProperty("download_url_expires_at").GetString()!,
            CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.UtcNow.AddHours(12), expiresAt, TimeSpan.FromMinutes(1));

        // A genuine link made 13 hours ago, with the app's own keys.
        var reports = factory.Services.GetRequiredService<ReportService>();
        var id = Guid.Parse(created.GetProperty("id").GetString()!);
        var report = (await reports.ListAsync(await OwnerAsync(factory, id), Ct)).Single(r => r.Id == id);
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-13));
        var oldLink = new ReportLinks(factory.Services.GetRequiredService<IDataProtectionProvider>(), past,
            factory.Services.GetRequiredService<IOptions<ReportOptions>>()).Create(report);
        using var anonymous = factory.CreateClient();

        var expired = await anonymous.GetAsync(oldLink.Url, Ct);

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired",
            (await expired.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        var again = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}", Ct)).GetProperty("data");
        var fresh = await anonymous.GetAsync(new Uri(again.GetProperty("download_url").GetString()!).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("application/pdf", fresh.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), (await fresh.Content.ReadAsByteArrayAsync(Ct))[..5]);
    }

    [Fact]
    public async Task Another_user_can_neither_see_nor_download_nor_delete_a_report()
    {
        var factory = app.Factory;
        using var ownerListener = await factory.SignInListenerWithoutSyncAsync();
        using var strangerListener = await factory.SignInListenerWithoutSyncAsync();
        var (owner, stranger) = (ownerListener.Client, strangerListener.Client);
        var report = await CompletedAsync(owner, new { type = "top_lists", format = "json", period = "month" });
        var id = report.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/reports/{id}", Ct)).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct)).GetProperty("data")
            .EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/reports/{id}", Ct)).StatusCode);
        stranger.DefaultRequestHeaders.Add("RequestVerificationToken", await stranger.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.PostAsync($"/api/v1/reports/{id}/retry", null, Ct)).StatusCode);

        // A genuine link of the stranger's, for a report of their own, opens nothing when put on the owner's report.
        var theirs = await CompletedAsync(stranger, new { type = "top_lists", format = "csv", period = "month" });
        var theirUrl = new Uri(theirs.GetProperty("download_url").GetString()!).PathAndQuery;
        var theirToken = theirUrl[(theirUrl.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        using (var outsider = factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync(theirUrl, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound,
                (await outsider.GetAsync($"/api/v1/reports/{id}/download?token={theirToken}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound,
                (await stranger.GetAsync($"/api/v1/reports/{id}/download?token={theirToken}", Ct)).StatusCode);
        }

        // The owner's link names the owner; it opens nothing if the report is no longer theirs to give.
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/reports/{id}", Ct)).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound,
            (await anonymous.GetAsync(new Uri(report.GetProperty("download_url").GetString()!).PathAndQuery,
                Ct)).StatusCode);
    }

    [Fact]
    public async Task Retrying_needs_the_antiforgery_token_with_a_cookie_but_not_with_a_bearer_token()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var (cookie, userId) = (listener.Client, listener.UserId);
        await using var paused = await PauseReportsAsync(factory);
        var (forgedId, byTokenId, byPageId) = (await FailedReportAsync(factory, userId),
            await FailedReportAsync(factory, userId),
            await FailedReportAsync(factory, userId));
        using var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            await factory.CreateTokenAsync(userId, "cli"));

        var forged = await cookie.PostAsync($"/api/v1/reports/{forgedId}/retry", null, Ct);
        var byToken = await bearer.PostAsync($"/api/v1/reports/{byTokenId}/retry", null, Ct);
        cookie.DefaultRequestHeaders.Add("RequestVerificationToken", await cookie.AntiforgeryTokenAsync());
        var byPage = await cookie.PostAsync($"/api/v1/reports/{byPageId}/retry", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byToken.StatusCode);
        Assert.Equal("pending",
            (await byToken.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("data").GetProperty("status")
            .GetString());
        Assert.Equal(HttpStatusCode.Accepted, byPage.StatusCode);
        await using var db = await factory.DbAsync();
        Assert.Equal(ReportStatus.Failed, (await db.Reports.SingleAsync(r => r.Id == forgedId, Ct)).Status);
    }

    /// <summary>A report whose making failed, as the job leaves it.</summary>
    private static async Task<Guid> FailedReportAsync(DashboardFactory factory, int userId)
    {
        await using var db = await factory.DbAsync();
        var report = new Report
        {
            Id = Guid.NewGuid(), UserId = userId, Type = ReportType.TopLists, Format = ReportFormat.Csv,
                Status = ReportStatus.Failed,
            Parameters = new ReportParameters(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), "month", 10)
                .ToJson(),
            Error = "Spotify was away", CreatedAt = DateTime.UtcNow,
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync(Ct);
        return report.Id;
    }

    [Fact]
    public async Task A_report_still_pending_when_the_app_stopped_is_made_after_the_restart()
    {
        // Two apps of its own, one after the other on the same data: what a restart keeps is the subject.
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));
        Guid id;
        TestDatabase database;
        await using (var first = new DashboardFactory(folder, keepData: true))
        {
            using var client = await first.SignInAsync(first.AddListener());
            // Left paused: the restart below must keep the trigger as it was.
            _ = await PauseReportsAsync(first);
            var response = await client.PostAsJsonAsync("/api/v1/reports",
                new { type = "daily_analytics", format = "zip", date = "2026-01-15" }, Ct);
            id = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("data")
                .GetProperty("id").GetString()!);
            database = first.Database;
        }

        await using var second = new DashboardFactory(folder, database: database);
        var reports = second.Services.GetRequiredService<ReportService>();
        // A persistent job store keeps the trigger through the restart, paused as the test left it.
        var scheduler = await second.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler(Ct);
        await scheduler.ResumeTriggerGroups(Quartz.GroupMatcher<Quartz.TriggerKey>.GroupEquals("reports"), Ct);
        var owner = await OwnerAsync(second, id);
        for (var attempt = 0; attempt < 300
            && (await reports.GetAsync(owner, id, Ct))!.Status != ReportStatus.Completed; attempt++)
        {
            await Task.Delay(100, Ct);
        }
        Assert.Equal(ReportStatus.Completed, (await reports.GetAsync(owner, id, Ct))!.Status);
        Assert.NotNull(await reports.FileAsync(owner, id, Ct));
    }

    /// <summary>
    /// Pauses the reports' trigger group (its new triggers start paused), so that no report is made, until the returned
    /// handle is disposed: the next test on the shared app has its reports made again.
    /// </summary>
    private static async Task<IAsyncDisposable> PauseReportsAsync(DashboardFactory factory)
    {
        var scheduler = await factory.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler(Ct);
        var reports = Quartz.GroupMatcher<Quartz.TriggerKey>.GroupEquals("reports");
        await scheduler.PauseTriggerGroups(reports, Ct);
        return new ResumeOnDispose(async () => await scheduler.ResumeTriggerGroups(reports, CancellationToken.None));
    }

    private sealed class ResumeOnDispose(Func<ValueTask> resume) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => resume();
    }

    private static async Task<int> OwnerAsync(DashboardFactory factory, Guid reportId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>()
            .CreateDbContextAsync(Ct);
        return await db.Reports.Where(r => r.Id == reportId).Select(r => r.UserId).SingleAsync(Ct);
    }

    private static async Task<JsonElement> CompletedAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/v1/reports", request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await WaitForEndAsync(client,
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("data").GetProperty("id")
            .GetString()!);
        Assert.Equal("completed", report.GetProperty("status").GetString());
        return report;
    }

    private static async Task<JsonElement> WaitForEndAsync(HttpClient client, string id)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var report = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}", Ct)).GetProperty("data");
            if (report.GetProperty("status").GetString() is not ("pending" or "processing"))
            {
                return report;
            }
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"Report {id} did not end.");
    }
}
