using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Pages.Trend;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Overview;

public partial class Overview : IDisposable
{
    private readonly PageLoader _load = new();
    private readonly AddressCheck _address = new();
    private PeriodSelection _selection = PeriodSelection.Month;
    private OverviewGraphs? _graphs;
    private (ListeningOverview? Data, bool Dark) _chartInputs;
    private TrendMeasure _contentMeasure = TrendMeasure.Plays;

    [Inject] private OverviewService Overviews { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ChosenPeriod Chosen { get; set; } = default!;
    [Inject] private ILogger<Overview> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKey { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    [CascadingParameter(Name = "IsDarkMode")]
    public bool IsDarkMode { get; set; }

    /// <summary>The figures; null while loading.</summary>
    private ListeningOverview? Data { get; set; }

    private string RangeText => Data is { } data && data.Selection == _selection
        ? $"{Figures.PeriodName(_selection)} · {Figures.Range(data.Range)}"
        : Figures.PeriodName(_selection);

    private string? ComparedWith => Data is { Previous: not null } data ? Figures.ComparedWith(data.Range) : null;

    private string EmptyText => _selection.IsAllTime
        ? "Your history is empty so far. Import your Spotify privacy export to see a lifetime of listening; " +
        "new plays arrive with each sync."
        : "Nothing was played between these dates. Pick a longer period above.";

    private string? BusiestDayText => Data?.PlaysPerDay.MaxBy(d => d.Plays) is { Plays: > 0 } busiest
        ? $"Busiest day: {Figures.Day(busiest.Date)}, {Figures.Count(busiest.Plays, "play")}"
        : null;

    private string? PeakText => Data?.Clock.MaxBy(c => c.Plays) is { Plays: > 0 } peak
        ? $"Most often: {Figures.WeekdayName(peak.Weekday)}s at {Figures.Hour(peak.Hour)}"
        : null;

    private string? LongestStreakText => Data?.Streaks is { Longest: > 0, LongestRange: { } range } streaks
        ? $"Longest in this period: {Days(streaks.Longest)} ({Figures.Range(range)})"
        : null;

    protected override async Task OnParametersSetAsync()
    {
        _address.Begin();
        _selection = Chosen.Read(PeriodKey, From, To, _address);
        if (_address.End(Navigation, () => PeriodQuery.Uri(Navigation, _selection), RendererInfo.IsInteractive))
        {
            return;
        }
        await Chosen.KeepAsync(_selection, PeriodKey, RendererInfo.IsInteractive);
        // Prerendering paints the page with skeletons; the figures load once, over the circuit.
        if (RendererInfo.IsInteractive && (Data is null || Data.Selection != _selection))
        {
            await LoadAsync();
        }
        if (Data is not null && _chartInputs != (Data, IsDarkMode))
        {
            _chartInputs = (Data, IsDarkMode);
            _graphs = OverviewGraphs.For(Data, IsDarkMode);
        }
    }

    private static string Days(int days) => Figures.Days(days);

    /// <summary>A kind's share of the plays or of the time, as the toggle chooses.</summary>
    private double Share(ContentShare share) => _contentMeasure == TrendMeasure.Plays
        ? Data!.Content.Sum(c => c.Plays) is > 0 and var plays ? (double)share.Plays / plays : 0
        : Data!.Content.Sum(c => c.ListeningMs) is > 0 and var ms ? (double)share.ListeningMs / ms : 0;

    private string ContentLabel => _contentMeasure == TrendMeasure.Plays
        ? "Share of plays by kind of listening."
        : "Share of listening time by kind of listening.";

    private static string ShareText(ContentShare share) =>
        $"{OverviewGraphs.ContentName(share.ContentType)}: {Figures.Count(share.Plays, "play")}, " +
        Figures.Duration(share.ListeningMs);

    private void SelectContentMeasure(TrendMeasure measure) => _contentMeasure = measure;

    private int ClockPlays(int weekday, int hour) =>
        Data!.Clock.FirstOrDefault(c => c.Weekday == weekday && c.Hour == hour)?.Plays ?? 0;

    private static string TrackLink(RankedItem item) => $"tracks/{item.Id}";

    private static string ArtistLink(RankedItem item) => $"artists/{item.Id}";

    private static string AlbumLink(RankedItem item) => $"albums/{item.Id}";

    private void SelectPeriod(PeriodSelection selection) =>
        Navigation.NavigateTo(PeriodQuery.Uri(Navigation, selection));

    private async Task ReloadAsync()
    {
        await LoadAsync();
        await OnParametersSetAsync();
    }

    private async Task LoadAsync()
    {
        Data = null;
        var selection = _selection;
        var userId = await CurrentUser.GetIdAsync();
        await _load.LoadAsync(cancellationToken => Overviews.GetAsync(userId, selection, cancellationToken),
            overview => Data = overview, e =>
        {
            Logger.LogError(e, "Loading the overview for {Period} failed", selection);
            return "Your overview could not be loaded just now.";
        });
    }

    public void Dispose() => _load.Dispose();
}
