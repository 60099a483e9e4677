using System.Collections.Concurrent;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Listening;
using Dashboard.Core.Player;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Dashboard.Web.Jobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Components;

// Stand-ins for the Core services the Spotify pages read: each answers with what the test sets and records what it
// was asked. They derive from the real classes, whose constructors they never need.

internal sealed class FakeAccounts(string? product = "premium", string zone = "Europe/Berlin")
    : UserAccounts(null!, null!, null!)
{
    public override Task<AccountSettings> GetSettingsAsync(int userId, CancellationToken cancellationToken) =>
        Task.FromResult(new AccountSettings(userId, "listener", "Test Listener", null, null, product, "DE", zone, true,
            PlayCountRule.AtLeast30Seconds, null, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

    public override Task<TimeZoneInfo> GetTimeZoneAsync(int userId, CancellationToken cancellationToken) =>
        Task.FromResult(TimeZones.FindOrUtc(zone));
}

internal sealed class FakeSyncRuns() : SyncRuns(null!, TimeProvider.System)
{
    public SyncRunStats Stats { get; set; } = new(0, 0, 0, 0, 0, 0, null);
    public IReadOnlyList<SyncRunSummary> Runs { get; set; } = [];
    public List<SyncRunQuery> Queries { get; } = [];

    public override Task<PagedList<SyncRunSummary>> GetPageAsync(int userId, SyncRunQuery query,
        CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Task.FromResult(new PagedList<SyncRunSummary>(Runs, Runs.Count, query.Page, query.PageSize));
    }

    public override Task<SyncRunStats> GetStatsAsync(int userId, CancellationToken cancellationToken) =>
        Task.FromResult(Stats);
}

internal sealed class FakeSyncSchedule() : SyncSchedule(null!, null!, null!, null!, null!, new JobCluster(false), null!)
{
    public SyncStart Start { get; set; } = SyncStart.Started;
    public List<(int UserId, SyncTrigger Trigger)> Started { get; } = [];

    public override Task<SyncStart> StartNowAsync(int userId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        Started.Add((userId, trigger));
        return Task.FromResult(Start);
    }

    public override Task<DateTimeOffset?> NextScheduledAsync(int userId, CancellationToken cancellationToken) =>
        Task.FromResult<DateTimeOffset?>(null);
}

internal sealed class FakeReportJobs() : ReportJobs(null!, null!)
{
    private readonly ConcurrentQueue<Guid> _scheduled = new();

    public IReadOnlyList<Guid> Scheduled => [.. _scheduled];

    public override Task ScheduleAsync(Guid reportId, CancellationToken cancellationToken)
    {
        _scheduled.Enqueue(reportId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits for the page to schedule its report. The page shows the new row as soon as the report is saved,
    /// a moment before it schedules the job, and no render follows the scheduling: poll.
    /// </summary>
    public IReadOnlyList<Guid> WaitForScheduled(int count)
    {
        Assert.True(SpinWait.SpinUntil(() => _scheduled.Count >= count, TimeSpan.FromSeconds(10)),
            $"{_scheduled.Count} of {count} reports scheduled");
        return Scheduled;
    }
}

internal sealed class FakeApiCallLog() : ApiCallLog(null!)
{
    public ApiCallStats Stats { get; set; } = new(0, 0, 0, null, null, [], []);
    public IReadOnlyList<ApiCallEntry> Calls { get; set; } = [];

    public override Task<PagedList<ApiCallEntry>> GetPageAsync(int userId, ApiCallQuery query,
        CancellationToken cancellationToken) =>
        Task.FromResult(new PagedList<ApiCallEntry>(Calls, Calls.Count, query.Page, query.PageSize));

    public override Task<ApiCallStats> GetStatsAsync(int userId, ApiCallQuery query,
        CancellationToken cancellationToken) => Task.FromResult(Stats);
}

internal sealed class FakePlayer() : PlayerService(null!, TimeProvider.System, NullLogger<PlayerService>.Instance)
{
    public PlayerAnswer<NowPlaying> Now { get; set; } = new(null, null);
    public PlayerAnswer<PlayerCommandResult> CommandAnswer { get; set; } = new(PlayerCommandResult.Done, null);
    public int NowReads { get; private set; }
    public List<PlayerCommand> Commands { get; } = [];

    public override Task<PlayerAnswer<NowPlaying>> GetNowPlayingAsync(int userId, CancellationToken cancellationToken)
    {
        NowReads++;
        return Task.FromResult(Now);
    }

    public override Task<PlayerAnswer<PlayerQueue>> GetQueueAsync(int userId, CancellationToken cancellationToken) =>
        Task.FromResult(
            new PlayerAnswer<PlayerQueue>(
                    new PlayerQueue(null,
                        [new PlayerItem("track", "q1", "Kid A", ["Radiohead"], "Kid A", null, 284_000)]), null));

    public override Task<PlayerAnswer<IReadOnlyList<PlayerDevice>>> GetDevicesAsync(int userId,
        CancellationToken cancellationToken) =>
        Task.FromResult(
            new PlayerAnswer<IReadOnlyList<PlayerDevice>>(
                    [new PlayerDevice("d1", "Pixel 8", "Smartphone", true, 100, false, false)], null));

    public override Task<PlayerAnswer<PlayerCommandResult>> SendAsync(int userId, PlayerCommand command,
        CancellationToken cancellationToken)
    {
        Commands.Add(command);
        return Task.FromResult(CommandAnswer);
    }
}

internal sealed class FakeApiTokens() : ApiTokens(null!, TimeProvider.System)
{
    public List<ApiTokenSummary> Live { get; } = [];
    public List<int> ListedFor { get; } = [];
    public List<(string Name, int UserId)> Created { get; } = [];
    public string? Refusal { get; set; }

    public override Task<IReadOnlyList<ApiTokenSummary>> ListAsync(int userId, CancellationToken cancellationToken)
    {
        ListedFor.Add(userId);
        return Task.FromResult<IReadOnlyList<ApiTokenSummary>>([.. Live]);
    }

    public override Task<ApiTokenCreation> CreateAsync(int userId, string name, CancellationToken cancellationToken)
    {
        if (Refusal is not null)
        {
            return Task.FromResult<ApiTokenCreation>(
                new ApiTokenCreation.Refused(Refusal, ApiTokenRefusal.TooMany));
        }
        Created.Add((name, userId));
        var token = new ApiTokenSummary(Live.Count + 1, name, "dash_new0000", DateTime.UtcNow, null);
        Live.Insert(0, token);
        return Task.FromResult<ApiTokenCreation>(new ApiTokenCreation.Created(token, $"dash_secret-of-{name}"));
    }
}

internal sealed class FakePlayDeletion() : PlayDeletion(null!, null!)
{
    private readonly ConcurrentQueue<(int UserId, long PlayId)> _plays = new();
    private readonly ConcurrentQueue<(int UserId, DateOnly From, DateOnly To)> _days = new();

    /// <summary>What the days hold, for the confirmation.</summary>
    public RemovedPlays Days { get; set; } = new(0, null, null);

    public IReadOnlyList<(int UserId, long PlayId)> DeletedPlays => [.. _plays];
    public IReadOnlyList<(int UserId, DateOnly From, DateOnly To)> DeletedDays => [.. _days];

    public override Task<RemovedPlays> CountDaysAsync(int userId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken) => Task.FromResult(Days);

    public override Task<bool> DeletePlayAsync(int userId, long playId, CancellationToken cancellationToken)
    {
        _plays.Enqueue((userId, playId));
        return Task.FromResult(true);
    }

    public override Task<RemovedPlays> DeleteDaysAsync(int userId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        _days.Enqueue((userId, from, to));
        return Task.FromResult(Days);
    }
}
