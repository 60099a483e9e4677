using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Formatting;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Charts;

public partial class Charts : IDisposable
{
    private readonly PageLoader _load = new();
    private readonly AddressCheck _address = new();
    private ChartsView _view = new();
    private ChartsView? _loadedView;

    [Inject] private ChartsService ChartsService { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<Charts> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "kind")] public string? KindKey { get; set; }
    [SupplyParameterFromQuery(Name = "week")] public string? Week { get; set; }
    [SupplyParameterFromQuery(Name = "length")] public string? Length { get; set; }

    /// <summary>The week's chart; null while loading.</summary>
    private WeeklyChart? Data { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _address.Begin();
        _view = ChartsView.Parse(KindKey, Week, Length, _address);
        if (_address.End(Navigation, () => _view.Uri(Navigation), RendererInfo.IsInteractive))
        {
            return;
        }
        // Prerendering paints skeletons; the chart loads once, over the circuit.
        if (RendererInfo.IsInteractive && (Data is null || _loadedView != _view))
        {
            await LoadAsync();
        }
    }

    private static string LengthText(int length) => $"Top {length}";

    /// <summary>The first day the week picker offers: in the first week a chart can have.</summary>
    private static readonly DateTime FirstDay = ChartsService.FirstWeek.ToDateTime(TimeOnly.MinValue);

    /// <summary>The Monday of the week shown, for the week picker; null while loading or before any chart.</summary>
    private DateTime? WeekShown => Data?.LatestWeek is null ? null : Data.WeekStart.ToDateTime(TimeOnly.MinValue);

    /// <summary>The last day the week picker offers: the Sunday of the latest week with plays.</summary>
    private DateTime? LastDay => Data?.LatestWeek?.AddDays(6).ToDateTime(TimeOnly.MinValue);

    private string? WeekUri(DateOnly? week) => week is null ? null : (_view with { Week = week }).Uri(Navigation);

    private string ItemUri(RankedItem item) => Data!.Kind == ChartKind.Tracks ? $"/tracks/{item.Id}"
        : $"/artists/{item.Id}";

    /// <summary>Last week, peak and weeks on chart in one line, for a phone where their columns do not fit.</summary>
    private static string HistoryText(ChartLine line)
    {
        var last = line.PreviousPosition is { } position ? $"Last {position}"
            : line.Movement == Movement.New ? "New" : "Re-entry";
        return $"{last} · Peak {line.Peak} · {Figures.Count(line.WeeksOnChart, "wk")}";
    }

    private void Show(ChartsView view) => Navigation.NavigateTo(view.Uri(Navigation));

    // The week stays: the same week's artists after its tracks.
    private void SelectKind(ChartKind kind) => Show(_view with { Kind = kind });

    private void SelectLength(int length) => Show(_view with { Length = length });

    // A day picked stands for its Monday-to-Sunday week, addressed by its Monday as the week buttons address it. The
    // picker also reports the week shown when it is given it: that changes nothing.
    private void PickWeek(DateTime? day)
    {
        if (day is { } picked
            && TrendService.BucketStart(DateOnly.FromDateTime(picked), Granularity.Week) is var week
            && week != Data?.WeekStart)
        {
            Show(_view with { Week = week });
        }
    }

    private async Task LoadAsync()
    {
        Data = null;
        var view = _view;
        var userId = await CurrentUser.GetIdAsync();
        await _load.LoadAsync(cancellationToken =>
            ChartsService.GetAsync(userId, view.Kind, view.Week, view.Length, cancellationToken),
            chart => (Data, _loadedView) = (chart, view), e =>
            {
                Logger.LogError(e, "Loading the {Kind} chart of the week of {Week} failed", view.Kind, view.Week);
                return "This chart could not be loaded just now.";
            });
    }

    public void Dispose() => _load.Dispose();
}
