using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Graphs;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.ApiCalls;

public partial class ApiCalls : IDisposable
{
    private const int PageSize = 25;

    /// <summary>The methods the app calls Spotify with.</summary>
    private static readonly string[] Methods = ["GET", "POST", "PUT"];

    private readonly PageLoader _load = new();
    private IDisposable? _subscription;
    private int _userId;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private ApiCallStats? _stats;
    private PagedList<ApiCallEntry>? _calls;
    private GraphOptions? _graph;
    private (ApiCallStats? Stats, bool Dark) _chartInputs;
    private int _page = 1;
    private ApiStatusClass? _statusClass;
    private string? _method;
    private string _endpoint = "";
    private CallPeriod _period = CallPeriod.Week;

    [Inject] private ApiCallLog Log { get; set; } = default!;
    [Inject] private SyncNotifier Syncs { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ILogger<ApiCalls> Logger { get; set; } = default!;

    [CascadingParameter(Name = "IsDarkMode")]
    public bool IsDarkMode { get; set; }

    private int MostCalls => _stats is { TopEndpoints: [var top, ..] } ? top.Calls : 1;

    private static string ErrorsText(int errors) => errors == 0 ? "no errors" : Figures.Count(errors, "error");

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        _userId = await CurrentUser.GetIdAsync();
        _zone = await Accounts.GetTimeZoneAsync(_userId, _load.Closing);
        // A sync that ends has made calls: the log shows them without a reload.
        _subscription = Syncs.Subscribe(_userId, update => update.Step is null && update.Status != SyncStatus.Running
            ? InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask);
        await LoadAsync();
    }

    protected override void OnParametersSet() => UpdateChart();

    private ApiCallQuery Query => new(
        _page,
        PageSize,
        _statusClass,
        Method: _method,
        Endpoint: _endpoint,
        From: _period switch
        {
            CallPeriod.Day => LocalTime.Today(Clock, _zone),
            CallPeriod.Week => LocalTime.Today(Clock, _zone).AddDays(-6),
            CallPeriod.Month => LocalTime.Today(Clock, _zone).AddDays(-29),
            _ => null,
        });

    private async Task LoadAsync()
    {
        var (userId, query) = (_userId, Query);
        await _load.LoadAsync(async cancellationToken => (
                Stats: await Log.GetStatsAsync(userId, query, cancellationToken),
                Calls: await Log.GetPageAsync(userId, query, cancellationToken)),
            answer =>
            {
                (_stats, _calls) = answer;
                UpdateChart();
            }, e =>
            {
                Logger.LogError(e, "The API calls of user {UserId} could not be loaded", userId);
                return "The call log could not be loaded. Try again in a moment.";
            });
    }

    private void UpdateChart()
    {
        if (_stats is null || _chartInputs == (_stats, IsDarkMode))
        {
            return;
        }
        _chartInputs = (_stats, IsDarkMode);
        var distribution = _stats.StatusDistribution;
        _graph = GraphStyles.Bars("Calls", distribution.Select(d => ClassName(d.Class)).ToList(),
            distribution.Select(d => (double)d.Calls).ToList(),
                IsDarkMode, GraphStyles.Primary(IsDarkMode), height: 250) with
            {
                Colors = distribution.Select(d => ClassColour(d.Class, IsDarkMode)).ToList(),
                PlotOptions =
                    new GraphPlotOptions(new GraphBar(BorderRadius: 4, ColumnWidth: "55%", Distributed: true)),
                Legend = new GraphLegend(false),
            };
    }

    private Task FilterStatusAsync(ApiStatusClass? statusClass) =>
        ReloadFromFirstPageAsync(() => _statusClass = statusClass);

    private Task FilterMethodAsync(string? method) => ReloadFromFirstPageAsync(() => _method = method);

    private Task FilterEndpointAsync(string? text) => ReloadFromFirstPageAsync(() => _endpoint = text ?? "");

    private Task FilterPeriodAsync(CallPeriod period) => ReloadFromFirstPageAsync(() => _period = period);

    private async Task ReloadFromFirstPageAsync(Action change)
    {
        change();
        _page = 1;
        await LoadAsync();
    }

    private async Task GoToPageAsync(int page)
    {
        _page = page;
        await LoadAsync();
    }

    private static string ClassName(ApiStatusClass statusClass) => statusClass == ApiStatusClass.NoResponse
        ? "No answer" : statusClass.Label();

    private static string ClassColour(ApiStatusClass statusClass, bool dark) => statusClass switch
    {
        ApiStatusClass.Success => GraphStyles.Primary(dark),
        ApiStatusClass.Redirect => "#2F80ED",
        ApiStatusClass.ClientError => "#F2994A",
        ApiStatusClass.ServerError => "#EB5757",
        _ => "#A0A4AA",
    };

    /// <summary>The status as the table shows it, and the class it belongs to for its colour.</summary>
    private static (string Text, string Class) Status(int? statusCode) => statusCode switch
    {
        null => ("No answer", "none"),
        429 => ("429", "limited"),
        < 300 => (statusCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "ok"),
        < 400 => (statusCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "redirect"),
        _ => (statusCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "error"),
    };

    private string RateText => _stats?.SuccessRate is { } rate ? Figures.Percent(rate) : "–";

    private string LatencyText => _stats?.AverageLatencyMs is { } latency
        ? $"{Figures.Count((long)Math.Round(latency))} ms" : "–";

    private string ErrorsHint => _stats is { } stats ? $"{Figures.Count(stats.RateLimited)} rate-limited (429)" : "";

    private string PeriodText => _period switch
    {
        CallPeriod.Day => "today",
        CallPeriod.Week => "in the last 7 days",
        CallPeriod.Month => "in the last 30 days",
        _ => "since you joined",
    };

    private string CallTime(DateTime utc) => Figures.Moment(utc, _zone)
        + TimeZoneInfo.ConvertTimeFromUtc(utc, _zone)
        .ToString(":ss", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _load.Dispose();
        _subscription?.Dispose();
    }

    private enum CallPeriod
    {
        Day,
        Week,
        Month,
        All,
    }
}
