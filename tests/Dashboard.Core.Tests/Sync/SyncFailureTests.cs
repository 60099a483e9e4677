using Dashboard.Core.Analytics;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Spotify;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Faults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Sync;

/// <summary>
/// A sync when Spotify fails: rate limits, server errors, time-outs, expired or revoked tokens and spent quotas.
/// </summary>
[RunsLong]
public sealed class SyncFailureTests
{
    [Fact]
    public async Task A_short_Retry_After_is_waited_out_and_the_run_completes()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(
            Fault.TooManyRequests(retryAfterSeconds: 1, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.Contains(await bed.ApiCallsAsync(), c => c.StatusCode == 429 && c.Endpoint == Fault.RecentlyPlayedPath);
    }

    [Fact]
    public async Task A_long_Retry_After_ends_the_run_to_be_rescheduled_instead_of_holding_a_thread()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(
            Fault.TooManyRequests(retryAfterSeconds: 600, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Rescheduled, run.Status);
        Assert.InRange(run.RetryAt!.Value, bed.Now.AddSeconds(590), bed.Now.AddSeconds(610));
        Assert.Contains("Spotify asked us to slow down", run.Error);
    }

    [Fact]
    public async Task Server_errors_then_success_complete_the_run()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.ServerError(503, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.Contains(await bed.ApiCallsAsync(), c => c.StatusCode == 503);
    }

    [Fact]
    public async Task A_call_that_times_out_is_retried()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(
            Fault.Delayed(SpotifyTestBed.RequestTimeout * 3, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.Contains(await bed.ApiCallsAsync(), c => c.StatusCode is null && c.Endpoint == Fault.RecentlyPlayedPath);
    }

    [Fact]
    public async Task Spotify_down_for_good_fails_the_step_not_the_next_run()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.ServerError(502, calls: 20, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Failed, run.Status);
        // "it" for one step, "them" for more.
        Assert.Matches(@"^(1 of 5 steps failed; the next sync tries it|[2-5] of 5 steps failed; the next sync tries " +
            @"them) again\.$", run.Error);
        await using var db = await bed.Host.DbAsync();
        var steps = await db.SyncSteps.Where(s => s.SyncRunId == run.RunId).ToListAsync();
        Assert.Equal(SyncStatus.Failed, steps.Single(s => s.Name == SyncPipeline.RecentlyPlayedStep).Status);
        Assert.Equal(SyncStatus.Completed, steps.Single(s => s.Name == SyncPipeline.LibraryStep).Status);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_and_the_run_completes()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var before = await bed.StoredTokensAsync(userId);
        bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.NotEqual(before!.AccessToken, (await bed.StoredTokensAsync(userId))!.AccessToken);
    }

    [Fact]
    public async Task A_revoked_refresh_token_fails_the_run_and_asks_the_user_to_sign_in_again()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);
        bed.State.RevokeRefreshTokens(SpotifyEmulatorServer.DemoUserId);

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        Assert.Equal(SyncStatus.Failed, run.Status);
        Assert.Contains("Sign in with Spotify again", run.Error);
        await using var db = await bed.Host.DbAsync();
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == userId)).NeedsReconsentSince);
    }

    [Fact]
    public async Task An_exhausted_daily_quota_pauses_look_ups_until_it_resets_while_plays_and_library_sync()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        var midnight = bed.Now.UtcDateTime.Date.AddDays(1);
        bed.State.Faults.Inject(Fault.QuotaExceeded(calls: 1, pathPrefix: "/v1/artists/"));

        var first = await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        // The run shows as paused, and says why, but is not moved: its other steps keep syncing on schedule.
        Assert.Equal(SyncStatus.Rescheduled, first.Status);
        Assert.Equal(
            $"1 of 5 steps paused: the app's daily Spotify quota is spent until {midnight:u}. " +
            "It runs again at the next sync after that.",
            first.Error);
        Assert.Null(first.RetryAt);
        await using var db = await bed.Host.DbAsync();
        var steps = await StepsAsync(first.RunId);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.RecentlyPlayedStep].Status);
        Assert.True(steps[SyncPipeline.RecentlyPlayedStep].ItemsProcessed > 0);
        Assert.Equal(SyncStatus.Rescheduled, steps[SyncPipeline.EnrichmentStep].Status);
        Assert.Null(steps[SyncPipeline.EnrichmentStep].Error);
        Assert.Contains($"quota is spent until {midnight:u}", steps[SyncPipeline.EnrichmentStep].Details);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.LibraryStep].Status);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.TopItemsStep].Status);
        Assert.Equal(midnight, (await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId)).EnrichmentPausedUntil);

        // The pause is kept with the user, not in memory: a later run takes the plays and asks for no look-up.
        bed.Advance(TimeSpan.FromHours(3));
        await bed.ClearApiCallsAsync();
        var later = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);
        steps = await StepsAsync(later.RunId);
        Assert.Equal(SyncStatus.Rescheduled, later.Status);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.RecentlyPlayedStep].Status);
        Assert.True(steps[SyncPipeline.RecentlyPlayedStep].ItemsProcessed > 0);
        Assert.Equal(SyncStatus.Rescheduled, steps[SyncPipeline.EnrichmentStep].Status);
        Assert.DoesNotContain(await bed.ApiCallsAsync(),
            c => c.Endpoint is "/v1/artists/{id}" or "/v1/tracks/{id}" or "/v1/albums/{id}");

        // Once the quota has reset, look-ups resume.
        bed.Advance(midnight - bed.Now.UtcDateTime + TimeSpan.FromMinutes(1));
        var next = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);
        Assert.Equal(SyncStatus.Completed, (await StepsAsync(next.RunId))[SyncPipeline.EnrichmentStep].Status);
        Assert.Contains(await bed.ApiCallsAsync(), c => c.Endpoint == "/v1/artists/{id}" && c.StatusCode == 200);

        async Task<Dictionary<string, SyncStep>> StepsAsync(long runId) =>
            await db.SyncSteps.AsNoTracking().Where(s => s.SyncRunId == runId).ToDictionaryAsync(s => s.Name);
    }

    [Fact]
    public async Task A_spent_quota_on_recently_played_pauses_that_step_and_the_run_records_the_others()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.QuotaExceeded(calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        // Paused, not moved to the quota's reset as a Retry-After would move it: the other steps ran.
        Assert.Equal(SyncStatus.Rescheduled, run.Status);
        Assert.Null(run.RetryAt);
        Assert.StartsWith("2 of 5 steps paused: the app's daily Spotify quota is spent until", run.Error);
        await using var db = await bed.Host.DbAsync();
        var steps = await db.SyncSteps.AsNoTracking().Where(s => s.SyncRunId == run.RunId)
            .ToDictionaryAsync(s => s.Name);
        Assert.Equal(SyncStatus.Rescheduled, steps[SyncPipeline.RecentlyPlayedStep].Status);
        Assert.Contains("daily Spotify quota is spent", steps[SyncPipeline.RecentlyPlayedStep].Details);
        Assert.Equal(SyncStatus.Rescheduled, steps[SyncPipeline.EnrichmentStep].Status);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.LibraryStep].Status);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.TopItemsStep].Status);
        Assert.Equal(0, await db.Plays.CountAsync());
    }
}
