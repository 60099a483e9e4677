using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Sync;
using Dashboard.SpotifyEmulator.Faults;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>The sync runs API, on one app for the class: each test signs in a listener of its own.</summary>
[RunsLong]
public sealed class SyncRunEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_and_stats_show_the_users_own_runs_and_steps_and_agree_with_the_database()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInNewListenerAsync();
        var (client, userId) = (listener.Client, listener.UserId);
        var otherId = await factory.AddUserAsync(TestListeners.UniqueId("someone-else"));
        await using (var db = await factory.DbAsync())
        {
            db.SyncRuns.Add(
                new SyncRun { UserId = otherId, Status = SyncStatus.Completed, ItemsSynced = 999,
                    CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/sync-jobs?limit=100", Ct);
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/sync-jobs/stats", Ct);

        await using var check = await factory.DbAsync();
        var own = await check.SyncRuns.Where(r => r.UserId == userId).Include(r => r.Steps).ToListAsync(Ct);
        Assert.NotEmpty(own);
        Assert.Equal(own.Count, list.GetProperty("total").GetInt32());
        Assert.Equal(own.Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
            list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Order());
        // Signing in starts a sync at once (and the schedule's first one an interval later).
        var first = list.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("job_type").GetString() == "sign_in");
        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("items_processed").GetInt32(), first.GetProperty("items_total").GetInt32());
        Assert.Equal(["recently_played", "enrichment", "library", "top_items", "rollups"],
            first.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()));
        Assert.Equal(own.Count, stats.GetProperty("total_jobs").GetInt32());
        Assert.Equal(own.Count(r => r.Status == SyncStatus.Completed), stats.GetProperty("completed").GetInt32());
        Assert.Equal(own.Sum(r => r.ItemsSynced), stats.GetProperty("total_items_synced").GetInt32());
        Assert.Equal(own.Max(r => r.CompletedAt), stats.GetProperty("last_sync_at").GetDateTime());
        Assert.True(stats.GetProperty("next_sync_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task Filters_select_runs_and_bad_filters_are_422_with_every_problem()
    {
        using var listener = await app.Factory.SignInNewListenerAsync();
        var (client, userId) = (listener.Client, listener.UserId);

        var failed = await client.GetFromJsonAsync<JsonElement>("/api/v1/sync-jobs?status=failed", Ct);
        var manual = await client.GetFromJsonAsync<JsonElement>("/api/v1/sync-jobs?job_type=manual", Ct);
        var future = await client.GetFromJsonAsync<JsonElement>("/api/v1/sync-jobs?from=2099-01-01", Ct);
        var bad = await client.GetAsync("/api/v1/sync-jobs?limit=0&status=finished&from=2026-02-30", Ct);

        Assert.Equal(0, failed.GetProperty("total").GetInt32());
        Assert.Equal(0, manual.GetProperty("total").GetInt32());
        Assert.Equal(0, future.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var problems = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").EnumerateArray()
            .ToList();
        Assert.Equal(["limit", "status", "from"], problems.Select(p => p.GetProperty("loc")[1].GetString()));
        Assert.Equal("ensure this value is greater than or equal to 1", problems[0].GetProperty("msg").GetString());
        Assert.Contains("pending, running, completed, failed, rescheduled", problems[1].GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Trigger_starts_a_sync_and_is_409_while_one_runs()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var (client, userId) = (listener.Client, listener.UserId);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await client.PostAsync("/api/v1/sync-jobs/trigger", null, Ct)).StatusCode);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());

        var started = await client.PostAsync("/api/v1/sync-jobs/trigger", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("started",
            (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        await factory.WaitForSyncsAsync(userId);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/sync-jobs?job_type=manual", Ct);
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        // A run still going (as the job records it) keeps a second one from starting.
        await using (var db = await factory.DbAsync())
        {
            db.SyncRuns.Add(
                new SyncRun { UserId = userId, Status = SyncStatus.Running, Trigger = SyncTrigger.Scheduled,
                    CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }
        var conflict = await client.PostAsync("/api/v1/sync-jobs/trigger", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var body = await conflict.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("already_running", "A sync is already running"),
            (body.GetProperty("status").GetString(), body.GetProperty("detail").GetString()));
        Assert.Equal("A sync is already running", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Trigger_after_Spotify_refused_the_sign_in_is_403_with_what_to_do()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var (client, userId) = (listener.Client, listener.UserId);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());
        await using (var db = await factory.DbAsync())
        {
            await db.Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.NeedsReconsentSince, DateTime.UtcNow), Ct);
        }

        var response = await client.PostAsync("/api/v1/sync-jobs/trigger", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Sign in with Spotify again",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Trigger_while_Spotify_asked_the_app_to_wait_is_409_says_when_syncing_resumes_and_calls_nothing()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var (client, userId) = (listener.Client, listener.UserId);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());
        factory.Emulator().Faults.Inject(
            Fault.TooManyRequests(retryAfterSeconds: 3_600, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));
        Assert.Equal(HttpStatusCode.Accepted,
            (await client.PostAsync("/api/v1/sync-jobs/trigger", null, Ct)).StatusCode);
        await factory.WaitForSyncsAsync(userId);
        await using var db = await factory.DbAsync();
        var pausedUntil = (await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, Ct)).SyncPausedUntil;
        Assert.NotNull(pausedUntil);
        var calls = await db.ApiCalls.CountAsync(Ct);
        var runs = await db.SyncRuns.CountAsync(Ct);

        var response = await client.PostAsync("/api/v1/sync-jobs/trigger", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var until = new DateTimeOffset(pausedUntil.Value, TimeSpan.Zero);
        Assert.Equal("paused", body.GetProperty("status").GetString());
        Assert.Equal($"Spotify asked the app to wait: syncing resumes by itself at {until:u}.",
            body.GetProperty("detail").GetString());
        Assert.Equal(until, body.GetProperty("retry_at").GetDateTimeOffset());
        Assert.InRange(
            int.Parse(response.Headers.GetValues("Retry-After").Single(),
                System.Globalization.CultureInfo.InvariantCulture), 3_500, 3_601);
        Assert.Equal(calls, await db.ApiCalls.CountAsync(Ct));
        Assert.Equal(runs, await db.SyncRuns.CountAsync(Ct));
        // The schedule resumes by itself when the wait is over.
        Assert.Equal(until, await factory.Services.GetRequiredService<SyncSchedule>().NextScheduledAsync(userId, Ct));
    }
}
