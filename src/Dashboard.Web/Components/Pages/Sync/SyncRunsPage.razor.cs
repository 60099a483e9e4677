using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Formatting;
using Dashboard.Core.Sync;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Sync;

public partial class SyncRunsPage : IDisposable
{
    private const int PageSize = 15;

    private static readonly Dictionary<string, string> StepNames = new()
    {
        [SyncPipeline.RecentlyPlayedStep] = "Recently played",
        [SyncPipeline.EnrichmentStep] = "Catalogue look-ups",
        [SyncPipeline.LibraryStep] = "Library",
        [SyncPipeline.TopItemsStep] = "Top items",
        [SyncPipeline.RollupsStep] = "Rollups",
    };

    private readonly PageLoader _load = new();
    private readonly HashSet<long> _expanded = [];
    private IDisposable? _subscription;
    private int _userId;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private PagedList<SyncRunSummary>? _runs;
    private SyncRunStats? _stats;
    private DateTimeOffset? _nextSync;
    private int _page = 1;
    private SyncStatus? _status;
    private SyncTrigger? _trigger;
    private bool _starting;
    private Notice? _notice;

    [Inject] private SyncRuns Runs { get; set; } = default!;
    [Inject] private SyncSchedule Schedule { get; set; } = default!;
    [Inject] private SyncNotifier Notifier { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ILogger<SyncRunsPage> Logger { get; set; } = default!;

    private DateTimeOffset Now => Clock.GetUtcNow();

    private string LastSuccessText => _stats?.LastSuccessAt is { } last ? RelativeTime.Of(last, Now) : "Never";

    private string? LastSuccessHint => _stats?.LastSuccessAt is { } last ? Figures.Moment(last, _zone)
        : "No sync has completed yet";

    private string NextSyncText => _nextSync is { } next ? RelativeTime.Of(next.UtcDateTime, Now) : "Not scheduled";

    private string? NextSyncHint => _nextSync is { } next ? Figures.Moment(next.UtcDateTime, _zone) : null;

    private string RunsHint => _stats is { } stats
        ? $"{Figures.Count(stats.Completed)} completed · {Figures.Count(stats.Failed)} failed · " +
        $"{Figures.Count(stats.Rescheduled)} paused"
        : "";

    private bool IsSyncing => _stats is { Running: > 0 };

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        _userId = await CurrentUser.GetIdAsync();
        _zone = await Accounts.GetTimeZoneAsync(_userId, _load.Closing);
        _subscription = Notifier.Subscribe(_userId, update => InvokeAsync(() => OnSyncUpdateAsync(update)));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var (userId, query) = (_userId, new SyncRunQuery(_page, PageSize, _status, _trigger));
        await _load.LoadAsync(async cancellationToken => (
                Stats: await Runs.GetStatsAsync(userId, cancellationToken),
                Runs: await Runs.GetPageAsync(userId, query, cancellationToken),
                NextSync: await Schedule.NextScheduledAsync(userId, cancellationToken)),
            answer => (_stats, _runs, _nextSync) = answer, e =>
            {
                Logger.LogError(e, "The sync runs of user {UserId} could not be loaded", userId);
                return "Your sync history could not be loaded. Try again in a moment.";
            });
    }

    /// <summary>A run ended: the notice that one started, or was running already, has had its day.</summary>
    private async Task OnSyncUpdateAsync(SyncUpdate update)
    {
        if (update.Status != SyncStatus.Running && _notice?.Kind is NoticeKind.Started or NoticeKind.AlreadyRunning)
        {
            _notice = null;
        }
        await LoadAsync();
        StateHasChanged();
    }

    private async Task SyncNowAsync()
    {
        _starting = true;
        try
        {
            _notice = await Schedule.StartNowAsync(_userId, SyncTrigger.Manual, _load.Closing) switch
            {
                SyncStart.Started =>
                    new Notice(NoticeKind.Started, Severity.Info, "Sync started. Its steps appear below as they run."),
                SyncStart.AlreadyRunning => new Notice(NoticeKind.AlreadyRunning, Severity.Info,
                    "A sync is already running. It is shown below; you can start another once it ends."),
                SyncStart.Paused => new Notice(NoticeKind.Paused, Severity.Info,
                    $"Spotify asked the app to wait, so syncing is paused until {await PausedUntilTextAsync()}. " +
                    "It resumes by itself then."),
                _ => new Notice(NoticeKind.SignInRequired, Severity.Warning,
                    "Spotify no longer accepts your sign-in, so syncing has stopped. " +
                    "Sign in with Spotify again to resume."),
            };
            await LoadAsync();
            // The running sync may have ended before this page subscribed to hear of it, or between the answer and
            // the look-up: with none running, there is nothing to wait for.
            if (_notice.Kind == NoticeKind.AlreadyRunning && _stats is { Running: 0 })
            {
                _notice = null;
            }
        }
        catch (OperationCanceledException) when (_load.Closing.IsCancellationRequested)
        {
            // The page closed.
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task FilterStatusAsync(SyncStatus? status)
    {
        _status = status;
        _page = 1;
        await LoadAsync();
    }

    private async Task FilterTriggerAsync(SyncTrigger? trigger)
    {
        _trigger = trigger;
        _page = 1;
        await LoadAsync();
    }

    private async Task GoToPageAsync(int page)
    {
        _page = page;
        await LoadAsync();
    }

    private void Toggle(long runId)
    {
        if (!_expanded.Remove(runId))
        {
            _expanded.Add(runId);
        }
    }

    private static string ExpandIcon(bool expanded) =>
        expanded ? Icons.Material.Rounded.ExpandLess : Icons.Material.Rounded.ExpandMore;

    private static string StepName(string name) => StepNames.GetValueOrDefault(name, name);

    private static string TriggerName(SyncTrigger trigger) => trigger switch
    {
        SyncTrigger.Manual => "Manual",
        SyncTrigger.SignIn => "First sign-in",
        _ => "Scheduled",
    };

    private async Task<string> PausedUntilTextAsync() =>
        await Schedule.PausedUntilAsync(_userId, _load.Closing) is { } until ? Figures.Moment(until.UtcDateTime, _zone)
            : "now";

    private static string Took(TimeSpan? duration) => duration is { } span ? Figures.Span(span) : "–";

    private static string StepsText(SyncRunSummary run)
    {
        var failed = run.Steps.Count(s => s.Status == SyncStatus.Failed);
        return run.Steps.Count == 0 ? "–"
            : failed > 0 ? $"{failed} of {run.Steps.Count} failed"
            : $"{run.Steps.Count(s => s.Status == SyncStatus.Completed)} of {run.Steps.Count} done";
    }

    /// <summary>The step a running run is at, e.g. "Library…".</summary>
    private static string RunningText(SyncRunSummary run) =>
        run.Steps.LastOrDefault(s => s.Status == SyncStatus.Running) is { } step ? $"{StepName(step.Name)}…"
            : "Starting…";

    public void Dispose()
    {
        _load.Dispose();
        _subscription?.Dispose();
    }

    private enum NoticeKind
    {
        Started,
        AlreadyRunning,
        SignInRequired,
        Paused,
    }

    private sealed record Notice(NoticeKind Kind, Severity Severity, string Text);
}
