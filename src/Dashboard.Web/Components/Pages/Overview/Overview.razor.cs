using Dashboard.Core.Analytics;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Overview;

public partial class Overview : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource? _loading;
    private Period _period;
    private string? _error;
    private ChartOptions? _chart;
    private (ListeningOverview? Data, bool Dark) _chartInputs;

    [Inject] private OverviewService Overviews { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<Overview> Logger { get; set; } = default!;

    /// <summary>The period in the address (<c>?period=year</c>), so a view can be bookmarked.</summary>
    [SupplyParameterFromQuery(Name = "period")]
    public string? PeriodKey { get; set; }

    [CascadingParameter(Name = "IsDarkMode")]
    public bool IsDarkMode { get; set; }

    /// <summary>The figures; null while loading.</summary>
    private ListeningOverview? Data { get; set; }

    private string RangeText => Data is { } data && data.Period == _period
        ? $"{Format.PeriodName(_period)} · {Format.Range(data.Range)}"
        : Format.PeriodName(_period);

    private string? BusiestDayText => Data?.PlaysPerDay.MaxBy(d => d.Plays) is { Plays: > 0 } busiest
        ? $"Busiest day: {Format.Day(busiest.Date)}, {Format.Count(busiest.Plays)} plays"
        : null;

    protected override async Task OnParametersSetAsync()
    {
        _period = Periods.TryParse(PeriodKey, out var period) ? period : Period.Month;
        // Prerendering paints the page with skeletons; the figures load once, over the circuit.
        if (RendererInfo.IsInteractive && (Data is null || Data.Period != _period))
        {
            await LoadAsync();
        }
        BuildChart();
    }

    private string PerDay(int plays) =>
        Data is { Range.Days: > 1 } data ? $"{plays / (double)data.Range.Days:0.#} a day on average" : "";

    private void SelectPeriod(Period period) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("period", period.Key()));

    private async Task ReloadAsync()
    {
        await LoadAsync();
        BuildChart();
    }

    private async Task LoadAsync()
    {
        _loading?.Cancel();
        _loading = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        var cancellationToken = _loading.Token;
        _error = null;
        Data = null;
        try
        {
            Data = await Overviews.GetAsync(await CurrentUser.GetIdAsync(), _period, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer request or the page closing replaced this one.
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Loading the overview for {Period} failed", _period);
            _error = "Your overview could not be loaded just now.";
        }
    }

    private void BuildChart()
    {
        if (_chartInputs == (Data, IsDarkMode) || Data is null)
        {
            return;
        }
        _chartInputs = (Data, IsDarkMode);
        var points = Data.PlaysPerDay
            .Select(d => new ChartPoint(new DateTimeOffset(d.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds(), d.Plays))
            .ToList();
        _chart = new ChartOptions(
            Chart: new ChartSettings(points.Count > 120 ? "area" : "bar", 300, Toolbar: new ChartToolbar(false), Zoom: new ChartZoom(false)),
            Series: [new ChartSeries("Plays", points)],
            Xaxis: new ChartXAxis("datetime", new ChartAxisLabels(DatetimeUTC: true), new ChartAxisBorder(false), new ChartAxisTicks(false)),
            Yaxis: new ChartYAxis(Min: 0, TickAmount: 4),
            Colors: [IsDarkMode ? "#1ED760" : "#1DB954"],
            Stroke: new ChartStroke(Width: points.Count > 120 ? 2 : 0),
            Fill: points.Count > 120 ? new ChartFill("gradient", new ChartGradient(0.45, 0.05)) : new ChartFill("solid"),
            DataLabels: new ChartDataLabels(false),
            Grid: new ChartGrid(IsDarkMode ? "#2A2D31" : "#E6E8EB"),
            Theme: new ChartTheme(IsDarkMode ? "dark" : "light"),
            Tooltip: new ChartTooltip(new ChartTooltipX("ddd d MMM yyyy")),
            PlotOptions: new ChartPlotOptions(new ChartBar(BorderRadius: 3, ColumnWidth: "70%")),
            Dashboard: new ChartFormats(Y: "integer"));
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        _loading?.Dispose();
    }
}
