using Dashboard.Core.Sync;

namespace Dashboard.Core.Tests.Sync;

/// <summary>The Sync jobs page's list and figures, over runs written by hand.</summary>
public sealed class SyncRunsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);

    private CoreTestHost _host = default!;
    private int _listener;
    private int _other;
    private List<SyncRun> _runs = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SyncRuns Runs => _host.Get<SyncRuns>();

    public async ValueTask InitializeAsync()
    {
        _host = await CoreTestHost.StartAsync(Now);
        // Berlin is an hour ahead of UTC in March: a run at 23:30 UTC on the 9th is on the 10th there.
        _listener = (await _host.AddUserAsync("listener", "Europe/Berlin")).Id;
        _other = (await _host.AddUserAsync("other")).Id;
        _runs =
        [
            Run(_listener, SyncTrigger.Scheduled, SyncStatus.Completed, 5, "2026-03-09T22:30:00Z",
            TimeSpan.FromSeconds(12),
                Step("recently_played", SyncStatus.Completed, 5, "5 new, 0 already known", null, 2),
                Step("enrichment", SyncStatus.Completed, 3, "3 looked up", null, 8)),
            Run(_listener, SyncTrigger.Manual, SyncStatus.Failed, 2, "2026-03-09T23:30:00Z", TimeSpan.FromSeconds(4),
                Step("recently_played", SyncStatus.Completed, 2, "2 new", null, 1),
                Step("library", SyncStatus.Failed, 0, null, "Spotify answered 500 to /v1/me/albums", 3)),
            Run(_listener, SyncTrigger.SignIn, SyncStatus.Running, 0, "2026-03-10T10:00:00Z", null),
            Run(_listener, SyncTrigger.Scheduled, SyncStatus.Completed, 7, "2026-03-10T12:00:00Z",
            TimeSpan.FromSeconds(30)),
            Run(_listener, SyncTrigger.Scheduled, SyncStatus.Rescheduled, 1, "2026-03-10T13:00:00Z",
            TimeSpan.FromSeconds(2)),
            Run(_other, SyncTrigger.Scheduled, SyncStatus.Completed, 100, "2026-03-10T13:30:00Z",
            TimeSpan.FromSeconds(5)),
        ];
        await using var db = await _host.DbAsync();
        db.SyncRuns.AddRange(_runs);
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Stats_count_only_the_users_own_runs_by_how_they_ended()
    {
        var stats = await Runs.GetStatsAsync(_listener, Ct);

        Assert.Equal(new SyncRunStats(Total: 5, Completed: 2, Failed: 1, Running: 1, Rescheduled: 1, ItemsSynced: 15,
            LastSuccessAt: new DateTime(2026, 3, 10, 12, 0, 30, DateTimeKind.Utc)), stats);
        // The same figures counted independently from what was written.
        var own = _runs.Where(r => r.UserId == _listener).ToList();
        Assert.Equal(own.Count, stats.Total);
        Assert.Equal(own.Count(r => r.Status == SyncStatus.Completed), stats.Completed);
        Assert.Equal(own.Sum(r => r.ItemsSynced), stats.ItemsSynced);
        Assert.Equal(own.Where(r => r.Status == SyncStatus.Completed).Max(r => r.CompletedAt), stats.LastSuccessAt);
    }

    [Fact]
    public async Task A_user_without_runs_has_zero_figures_and_no_last_success()
    {
        var newcomer = await _host.AddUserAsync("newcomer");

        Assert.Equal(new SyncRunStats(0, 0, 0, 0, 0, 0, null), await Runs.GetStatsAsync(newcomer.Id, Ct));
        Assert.Empty((await Runs.GetPageAsync(newcomer.Id, new SyncRunQuery(), Ct)).Items);
    }

    [Fact]
    public async Task Runs_come_newest_first_with_their_steps_in_order_and_never_anyone_elses()
    {
        var page = await Runs.GetPageAsync(_listener, new SyncRunQuery(), Ct);

        Assert.Equal(5, page.Total);
        Assert.Equal(Ids(4, 3, 2, 1, 0), page.Items.Select(r => r.Id));
        var first = page.Items[^1];
        Assert.Equal(["recently_played", "enrichment"], first.Steps.Select(s => s.Name));
        Assert.Equal((5, "5 new, 0 already known", TimeSpan.FromSeconds(2)),
            (first.Steps[0].ItemsProcessed, first.Steps[0].Details, first.Steps[0].Duration));
        Assert.Equal(TimeSpan.FromSeconds(12), first.Duration);
        var failed = page.Items[^2];
        Assert.Equal(("library", SyncStatus.Failed, "Spotify answered 500 to /v1/me/albums"),
            (failed.Steps[1].Name, failed.Steps[1].Status, failed.Steps[1].Error));
        Assert.Null(page.Items[2].Duration);
        Assert.Single((await Runs.GetPageAsync(_other, new SyncRunQuery(), Ct)).Items);
    }

    [Fact]
    public async Task Filters_by_status_trigger_and_local_days()
    {
        Assert.Equal(Ids(3, 0), await IdsAsync(new SyncRunQuery(Status: SyncStatus.Completed)));
        Assert.Equal(Ids(1), await IdsAsync(new SyncRunQuery(Trigger: SyncTrigger.Manual)));
        // 10 March in Berlin began at 23:00 UTC on the 9th.
        Assert.Equal(Ids(4, 3, 2, 1), await IdsAsync(new SyncRunQuery(From: new DateOnly(2026, 3, 10))));
        Assert.Equal(Ids(0), await IdsAsync(new SyncRunQuery(To: new DateOnly(2026, 3, 9))));
        Assert.Equal(Ids(3),
            await IdsAsync(
                    new SyncRunQuery(Status: SyncStatus.Completed, From: new DateOnly(2026, 3, 10),
                        To: new DateOnly(2026, 3, 10))));
    }

    [Fact]
    public async Task Pages_split_the_list_and_say_how_many_there_are()
    {
        var second = await Runs.GetPageAsync(_listener, new SyncRunQuery(Page: 2, PageSize: 2), Ct);

        Assert.Equal((5, 2, 2, 3), (second.Total, second.Page, second.PageSize, second.Pages));
        Assert.Equal(Ids(2, 1), second.Items.Select(r => r.Id));
        Assert.Empty((await Runs.GetPageAsync(_listener, new SyncRunQuery(Page: 4, PageSize: 2), Ct)).Items);
    }

    private async Task<IEnumerable<long>> IdsAsync(SyncRunQuery query) =>
        (await Runs.GetPageAsync(_listener, query, Ct)).Items.Select(r => r.Id);

    /// <summary>The ids of the runs written at these positions.</summary>
    private IEnumerable<long> Ids(params int[] positions) => positions.Select(p => _runs[p].Id);

    private static SyncRun Run(int userId, SyncTrigger trigger, SyncStatus status, int items, string createdAt,
        TimeSpan? took,
        params StepSpec[] steps)
    {
        var created = DateTime.Parse(createdAt, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        return new SyncRun
        {
            UserId = userId, Trigger = trigger, Status = status, ItemsSynced = items, CreatedAt = created,
                StartedAt = created,
            CompletedAt = took is { } span ? created + span : null,
            Error = status == SyncStatus.Failed ? "1 of 2 steps failed" : null,
            Steps = steps.Select(s => new SyncStep
            {
                Name = s.Name, Status = s.Status, ItemsProcessed = s.Items, Details = s.Details, Error = s.Error,
                StartedAt = created, CompletedAt = created.AddSeconds(s.Seconds),
            }).ToList(),
        };
    }

    /// <summary>A step that starts with its run and takes <paramref name="Seconds"/>.</summary>
    private sealed record StepSpec(string Name, SyncStatus Status, int Items, string? Details, string? Error,
        int Seconds);

    private static StepSpec Step(string name, SyncStatus status, int items, string? details, string? error,
        int seconds) =>
        new(name, status, items, details, error, seconds);
}
