using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Core.Reports;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Reports;

public partial class Reports : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly ReportForm _form = new();
    private IDisposable? _subscription;
    private IReadOnlyList<Report>? _reports;
    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;
    private DateTime _today = DateTime.Today;
    private int _userId;
    private int _active;
    private bool _submitting;
    private string? _error;

    [Inject] private ReportService ReportService { get; set; } = default!;
    [Inject] private ReportJobs ReportJobs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ReportNotifier Notifier { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IOptions<ReportOptions> Options { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private int MaxActive => Options.Value.MaxActive;
    private string LinkLifetime => Figures.Count((int)Options.Value.LinkLifetime.TotalHours, "hour");

    private string MaxActiveReports => Figures.Count(MaxActive, "report");
    private bool AtLimit => _active >= MaxActive;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        _userId = await CurrentUser.GetIdAsync();
        _timeZone = await Accounts.GetTimeZoneAsync(_userId, _disposed.Token);
        _today = LocalTime.Today(Clock, _timeZone).ToDateTime(TimeOnly.MinValue);
        _form.Date = _today.AddDays(-1);
        _subscription = Notifier.Subscribe(_userId, _ => InvokeAsync(async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        }));
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            _reports = await ReportService.ListAsync(_userId, _disposed.Token);
            _active = _reports.Count(r => r.IsActive);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    private async Task RequestAsync()
    {
        _submitting = true;
        _error = null;
        try
        {
            var outcome = await ReportService.RequestAsync(_userId, _form.ToRequest(), _disposed.Token);
            await HandleAsync(outcome);
        }
        finally
        {
            _submitting = false;
        }
    }

    private async Task RetryAsync(Guid reportId)
    {
        _error = null;
        if (await ReportService.RetryAsync(_userId, reportId, _disposed.Token) is { } outcome)
        {
            await HandleAsync(outcome);
        }
    }

    private async Task HandleAsync(ReportRequestOutcome outcome)
    {
        switch (outcome)
        {
            case ReportRequestOutcome.Accepted(var report):
                await ReportJobs.ScheduleAsync(report.Id, _disposed.Token);
                break;
            case ReportRequestOutcome.Invalid(var error):
                _error = $"{FieldLabel(error.Field)} {error.Message}.";
                break;
            case ReportRequestOutcome.TooManyActive(_, var limit):
                _error = $"You have reached the maximum of {limit} active reports. Ask again when one of them is done.";
                break;
        }
        await ReloadAsync();
    }

    /// <summary>Deletes a report and its file once the listener confirms: a slip beside Download is final.</summary>
    private async Task DeleteAsync(Report report)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this report?",
            $"Delete the report {Title(report.Type)} ({report.Format.Key().ToUpperInvariant()})? Its file goes with " +
            "it; this cannot be undone.",
            yesText: "Delete", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }
        if (await ReportService.DeleteAsync(_userId, report.Id, _disposed.Token) == DeleteOutcome.Processing)
        {
            _error = "That report is being made right now; delete it once it is done.";
        }
        await ReloadAsync();
    }

    /// <summary>
    /// Fetches a signed link at the click rather than when the list loaded: a page left open for longer than a link
    /// lives (12 hours by default) would otherwise offer one that answers 410. The file comes as an attachment, so
    /// the page stays.
    /// </summary>
    private async Task DownloadAsync(Guid reportId)
    {
        _error = null;
        if (await ReportService.LinkAsync(_userId, reportId, _disposed.Token) is { } link)
        {
            Navigation.NavigateTo(link.Url, forceLoad: true);
            return;
        }
        _error = "That report is no longer there to download.";
        await ReloadAsync();
    }

    private void TypeChanged(ReportType type)
    {
        _form.Type = type;
        _form.Format = type.Formats()[0];
        _error = null;
    }

    private void FormatChanged(ReportFormat format) => _form.Format = format;

    private void DateChanged(DateTime? date) => _form.Date = date;

    private void SelectionChanged(PeriodSelection selection) => _form.Selection = selection;

    private void LimitChanged(int limit) => _form.Limit = limit;

    private string FilePreview
    {
        get
        {
            var today = DateOnly.FromDateTime(_today);
            if (_form.Type == ReportType.DailyAnalytics)
            {
                var day = _form.Date is { } date ? DateOnly.FromDateTime(date) : today;
                return $"{ReportKinds.FileName(_form.Type, _form.Format, new ReportParameters(day, day))}, " +
                    "a ZIP holding one JSON file";
            }
            return Periods.Resolve(_form.Selection, today) is { } range
                ? ReportKinds.FileName(_form.Type, _form.Format, new ReportParameters(range.From, range.To))
                : $"a {_form.Format.Key().ToUpperInvariant()} file of all your listening";
        }
    }

    private static string Covers(Report report)
    {
        var parameters = report.ReadParameters();
        if (report.Type == ReportType.DailyAnalytics)
        {
            return Figures.Day(parameters.From);
        }
        var covers = Periods.TryParse(parameters.Period, out var period) && period != Period.Custom
            ? $"{Figures.PeriodName(PeriodSelection.Of(period))} · {Figures.Range(parameters.Range)}"
            : Figures.Range(parameters.Range);
        return parameters.Limit is { } limit ? $"{covers} · top {limit}" : covers;
    }

    private static string Took(Report report) =>
        report is { StartedAt: { } started, CompletedAt: { } completed } ? Figures.Span(completed - started) : "–";

    private static string FieldLabel(string field) => field switch
    {
        "date" => "The day",
        "from" => "The first day",
        "to" => "The last day",
        "period" => "The period",
        "limit" => "Items per list",
        "format" => "The format",
        _ => "The report type",
    };

    private static string Title(ReportType type) => type switch
    {
        ReportType.DailyAnalytics => "Daily analytics",
        ReportType.ListeningHistory => "Listening history",
        ReportType.TopLists => "Top lists",
        ReportType.PeriodSummary => "Period summary",
        _ => type.ToString(),
    };

    private static string Description(ReportType type) => type switch
    {
        ReportType.DailyAnalytics => "One day, item by item, with every breakdown. ZIP of JSON.",
        ReportType.ListeningHistory => "Every play of a period, one row each. CSV or JSON.",
        ReportType.TopLists => "Your top tracks, artists, albums and podcasts, with their movement. CSV or JSON.",
        ReportType.PeriodSummary => "A designed two-page PDF: your year (or any period) in review.",
        _ => "",
    };

    private static IEnumerable<string> Contents(ReportType type) => type switch
    {
        ReportType.DailyAnalytics =>
        [
            "One record per track or episode you played that day: plays, counted plays, time, " +
            "skips and completion rate.",
            "Where and how: countries, platforms, why each play started and ended, shuffle, offline and incognito.",
            "Ids to join with other data: Spotify URIs and ISRCs where known.",
        ],
        ReportType.ListeningHistory =>
        [
            "Every play, oldest first: when (on your clock, with its offset, and in UTC), how long, " +
            "and whether it counts.",
            "What: track or episode, artist, album or show, Spotify URI and ISRC.",
            "How: source, platform, country, start and end reason, shuffle, skipped, offline, incognito.",
        ],
        ReportType.TopLists =>
        [
            "Ranked top tracks, artists, albums and podcasts, exactly as on the Top lists page.",
            "Plays and listening time for each, and how it moved against the period before (up, down, new, re-entry).",
        ],
        ReportType.PeriodSummary =>
        [
            "Headline figures with their change against the period before.",
            "Your listening over time, and your listening clock by weekday and hour.",
            "Top 10 tracks, artists and albums; longest sessions, streaks and skip rate.",
        ],
        _ => [],
    };

    public void Dispose()
    {
        _disposed.Cancel();
        _subscription?.Dispose();
        _disposed.Dispose();
    }

    /// <summary>The form's choices; every report type keeps its own sensible defaults.</summary>
    private sealed class ReportForm
    {
        public ReportType Type { get; set; } = ReportType.PeriodSummary;
        public ReportFormat Format { get; set; } = ReportFormat.Pdf;
        public DateTime? Date { get; set; }
        public PeriodSelection Selection { get; set; } = PeriodSelection.Year;
        public int Limit { get; set; } = 100;

        public ReportRequest ToRequest()
        {
            var date = Type == ReportType.DailyAnalytics && Date is { } day ? Day(DateOnly.FromDateTime(day)) : null;
            return Type == ReportType.DailyAnalytics
                ? new ReportRequest(Type.Key(), Format.Key(), Date: date)
                : new ReportRequest(Type.Key(), Format.Key(), From: Selection.From is { } from ? Day(from) : null,
                    To: Selection.To is { } to ? Day(to) : null, Period: Selection.Period.Key(),
                    Limit: Type == ReportType.TopLists ? Limit : null);
        }

        private static string Day(DateOnly day) =>
            day.ToString(Periods.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
    }
}
