using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Graphs;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Habits;

public partial class Habits : IDisposable
{
    private readonly PageLoader _load = new();
    private readonly AddressCheck _address = new();
    private PeriodSelection _selection = PeriodSelection.Month;
    private GraphOptions? _skipGraph;
    private (Core.Analytics.Habits? Data, bool Dark) _chartInputs;

    [Inject] private HabitsService HabitsService { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ChosenPeriod Chosen { get; set; } = default!;
    [Inject] private ILogger<Habits> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKey { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    [CascadingParameter(Name = "IsDarkMode")]
    public bool IsDarkMode { get; set; }

    /// <summary>The figures; null while loading.</summary>
    private Core.Analytics.Habits? Data { get; set; }

    private bool IsEmpty => Data is { Sessions: 0, AllPlays: 0 };

    private string RangeText => Data is { } data && data.Selection == _selection
        ? $"{Figures.PeriodName(_selection)} · {Figures.Range(data.Range)}"
        : Figures.PeriodName(_selection);

    private string EmptyText => _selection.IsAllTime
        ? "Your history is empty so far. Import your Spotify privacy export to see your sessions and what you skip."
        : "Nothing was played between these dates. Pick a longer period above.";

    private string? SessionsHint => Data is { Sessions: > 0 } data
        ? $"{((double)data.Sessions / data.Range.Days).ToString("0.#", Figures.Culture)} a day"
        : null;

    private string LongestText => Data!.LongestSessions is [var longest, ..] ? Figures.Span(longest.Length) : "–";

    private string? LongestHint => Data!.LongestSessions is [var longest, ..] ? StartText(longest) : null;

    private string SkipsHint => $"{Figures.Count(Data!.Skips)} of {Figures.Count(Data.AllPlays, "play")}";

    private string? MostSkippedText => Data!.ArtistSkips.MaxBy(a => a.SkipRate) is { Skips: > 0 } most
        ? $"Most skipped: {most.Name}, {Figures.Percent(most.SkipRate)}"
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
            _skipGraph = HabitsGraphs.SkipRates(Data.ArtistSkips, IsDarkMode);
        }
    }

    /// <summary>When a session started, on the listener's clock: "Sat 3 Nov 2026, 14:05".</summary>
    private static string StartText(SessionInfo session) =>
        session.LocalStart.ToString("ddd d MMM yyyy, HH:mm", Figures.Culture);

    private void SelectPeriod(PeriodSelection selection) =>
        Navigation.NavigateTo(PeriodQuery.Uri(Navigation, selection));

    // After an error nothing is loaded, so setting the parameters again loads them (and draws the graphs).
    private Task ReloadAsync() => OnParametersSetAsync();

    private async Task LoadAsync()
    {
        Data = null;
        var selection = _selection;
        var userId = await CurrentUser.GetIdAsync();
        await _load.LoadAsync(cancellationToken => HabitsService.GetAsync(userId, selection, cancellationToken),
            habits => Data = habits, e =>
        {
            Logger.LogError(e, "Loading the habits for {Period} failed", selection);
            return "Your habits could not be loaded just now.";
        });
    }

    public void Dispose() => _load.Dispose();
}
