using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using TrendData = Dashboard.Core.Analytics.Trend;

namespace Dashboard.Web.Components.Pages.Trend;

public partial class Trend : IDisposable
{
    private static readonly Dimension[] AllDimensions = Enum.GetValues<Dimension>();
    private static readonly Granularity[] AllGranularities = Enum.GetValues<Granularity>();

    private readonly PageLoader _load = new();
    private readonly AddressCheck _address = new();
    private TrendView _view = new(PeriodSelection.Month);
    private TrendQuery? _loadedQuery;
    private GranularityTooFineException? _tooFine;
    private TrendGraphs? _graphs;
    private (TrendData? Data, TrendMeasure Measure, bool Dark) _chartInputs;

    [Inject] private TrendService Trends { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ChosenPeriod Chosen { get; set; } = default!;
    [Inject] private ILogger<Trend> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKey { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "granularity")] public string? GranularityKey { get; set; }
    [SupplyParameterFromQuery(Name = "breakdown")] public string? BreakdownKey { get; set; }
    [SupplyParameterFromQuery(Name = "filter")] public string? Filter { get; set; }
    [SupplyParameterFromQuery(Name = "breakdown2")] public string? Breakdown2Key { get; set; }
    [SupplyParameterFromQuery(Name = "filter2")] public string? Filter2 { get; set; }
    [SupplyParameterFromQuery(Name = "measure")] public string? MeasureKey { get; set; }

    [CascadingParameter(Name = "IsDarkMode")]
    public bool IsDarkMode { get; set; }

    /// <summary>The trend of the view in the address; null while loading.</summary>
    private TrendData? Data { get; set; }

    /// <summary>The first dimension's values over the period, for its "keep only" choice.</summary>
    private IReadOnlyList<BreakdownRow> FirstValues { get; set; } = [];

    /// <summary>The second dimension's values among the kept plays, for its "keep only" choice.</summary>
    private IReadOnlyList<BreakdownRow> SecondValues { get; set; } = [];

    /// <summary>The values kept, as chips that take them away again.</summary>
    private IReadOnlyList<KeptValue> Kept { get; set; } = [];

    private sealed record KeptValue(string Dimension, string Value, TrendView Without);

    private string RangeText => Data is { } data && data.Query.Selection == _view.Selection
        ? $"{Figures.PeriodName(_view.Selection)} · {Figures.Range(data.Range)}"
        : Figures.PeriodName(_view.Selection);

    private string EmptyText => Kept.Count > 0
        ? "None of the plays in this period match the values you kept. Show every play, or pick a longer period above."
        : _view.Selection.IsAllTime
            ? "Your history is empty so far. Import your Spotify privacy export to see how your listening changed " +
            "over the years."
            : "Nothing was played between these dates. Pick a longer period above.";

    private string TooFineText => _tooFine is { } tooFine
        ? $"A chart by {GranularityName(tooFine.Granularity).ToLowerInvariant()} covers at most " +
          $"{Figures.Count(TrendService.LongestRange(tooFine.Granularity) ?? 0, "day")}, " +
          $"and this period has {Figures.Count(tooFine.Days)}."
        : "";

    private string TotalsTitle =>
        $"{TrendGraphs.MeasureName(_view.Measure)} per {GranularityName(Data!.Granularity).ToLowerInvariant()}";

    private string TotalsLabel => $"{TotalsTitle}, {RangeText}.";

    private string BucketName => Data!.Granularity switch
    {
        Granularity.Day => "Day",
        Granularity.Week => "Week",
        _ => "Month",
    };

    private string SummaryText
    {
        get
        {
            var points = Data!.Points;
            var plays = Figures.Count(points.Sum(p => p.Plays), "play");
            var total = $"{plays} · {Figures.Duration(points.Sum(p => p.ListeningMs))}";
            var busiest = _view.Measure == TrendMeasure.Plays ? points.MaxBy(p => p.Plays)
                : points.MaxBy(p => p.ListeningMs);
            var figure = _view.Measure == TrendMeasure.Plays ? Figures.Count(busiest!.Plays, "play")
                : Figures.Duration(busiest!.ListeningMs);
            return $"{total} · busiest {GranularityName(Data.Granularity).ToLowerInvariant()}: " +
                $"{BucketText(busiest)}, {figure}";
        }
    }

    private string BreakdownHint => _view switch
    {
        { Breakdown: null } => "Split your listening by where, how and on what you played: pick a dimension above.",
        { Filter: { } value, Breakdown: { } first } =>
            $"Showing only {DimensionNames.Value(first, value)}. Split these plays again by another dimension to " +
            "compare.",
        _ => "Nothing to split in this period.",
    };

    protected override async Task OnParametersSetAsync()
    {
        _address.Begin();
        _view = TrendView.Parse(Chosen.Read(PeriodKey, From, To, _address), GranularityKey, BreakdownKey, Filter,
            Breakdown2Key, Filter2, MeasureKey, _address);
        if (_address.End(Navigation, () => _view.Uri(Navigation), RendererInfo.IsInteractive))
        {
            return;
        }
        await Chosen.KeepAsync(_view.Selection, PeriodKey, RendererInfo.IsInteractive);
        Kept = KeptValues(_view);
        // Prerendering paints the page with skeletons; the figures load once, over the circuit. The measure
        // only changes how the same figures are drawn.
        if (RendererInfo.IsInteractive && (Data is null || _loadedQuery != _view.Query))
        {
            await LoadAsync();
        }
        if (Data is not null && _chartInputs != (Data, _view.Measure, IsDarkMode))
        {
            _chartInputs = (Data, _view.Measure, IsDarkMode);
            _graphs = TrendGraphs.For(Data, _view.Measure, IsDarkMode);
        }
    }

    private static IReadOnlyList<KeptValue> KeptValues(TrendView view)
    {
        var kept = new List<KeptValue>();
        if (view is { Breakdown: { } first, Filter: { } value })
        {
            kept.Add(
                new KeptValue(DimensionNames.Of(first), DimensionNames.Value(first, value), view.WithFilter(null)));
        }
        if (view is { Breakdown2: { } second, Filter2: { } value2 })
        {
            kept.Add(
                new KeptValue(DimensionNames.Of(second), DimensionNames.Value(second, value2), view.WithFilter2(null)));
        }
        return kept;
    }

    private static string ByGranularity(Granularity granularity) =>
        $"By {GranularityName(granularity).ToLowerInvariant()}";

    private static string GranularityName(Granularity granularity) => granularity switch
    {
        Granularity.Day => "Day",
        Granularity.Week => "Week",
        _ => "Month",
    };

    /// <summary>
    /// Says which first or last week or month the period cuts, whose bars hold only some of its days; null when the
    /// period holds every bucket whole.
    /// </summary>
    private string? PartialText
    {
        get
        {
            if (Data is not { Points: [var first, .., var last] } data)
            {
                return null;
            }
            var bucket = GranularityName(data.Granularity).ToLowerInvariant();
            var (cutFirst, cutLast) = (data.IsPartial(first), data.IsPartial(last));
            return (cutFirst, cutLast) switch
            {
                (true, true) => $"The first {bucket} ({BucketText(first)}) has only {data.DaysInRange(first)} of its " +
                    $"{data.BucketDays(first)} days in this period, and the last ({BucketText(last)}) only " +
                    $"{data.DaysInRange(last)}: their bars are lighter.",
                (true, false) => $"The first {bucket} ({BucketText(first)}) has only {data.DaysInRange(first)} of " +
                    $"its {data.BucketDays(first)} days in this period: its bar is lighter.",
                (false, true) => $"The last {bucket} ({BucketText(last)}) has only {data.DaysInRange(last)} of its " +
                    $"{data.BucketDays(last)} days in this period: its bar is lighter.",
                _ => null,
            };
        }
    }

    /// <summary>A bucket as the table names it, with how much of it the period holds when it cuts it.</summary>
    private string BucketCell(TrendPoint point) =>
        TrendGraphs.PartialNote(Data!, point) is { } note ? $"{BucketText(point)} ({note})" : BucketText(point);

    private string BucketText(TrendPoint point) => Data!.Granularity switch
    {
        Granularity.Day => Figures.Day(point.Start),
        Granularity.Week => Figures.Range(new DayRange(point.Start, point.Start.AddDays(6))),
        _ => point.Start.ToString("MMMM yyyy", Figures.Culture),
    };

    private string SplitLabel(Dimension split) =>
        $"{TrendGraphs.MeasureName(_view.Measure)} per {GranularityName(Data!.Granularity).ToLowerInvariant()}, " +
        $"stacked by {DimensionNames.Of(split).ToLowerInvariant()}.";

    private static IEnumerable<Dimension> SecondDimensions(Dimension first) => AllDimensions.Where(d => d != first);

    private static string Key(Dimension? dimension) => dimension?.Key() ?? "";

    private static string DimensionText(string key) => Dimensions.TryParse(key, out var dimension)
        ? DimensionNames.Of(dimension) : "Nothing";

    private static string ValueText(Dimension dimension, string value) => string.IsNullOrEmpty(value) ? "All values"
        : DimensionNames.Value(dimension, value);

    private static string ShareWidth(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string BarStyle(double share, string color) => $"width: {ShareWidth(share)}; background: {color}";

    private bool IsKept(string value) => value == (_view.Filter is null ? null : _view.Filter2);

    private string KeepUri(string value) => _view.Keep(value).Uri(Navigation);

    private string ClearUri => _view.WithBreakdown(null).Uri(Navigation);

    private void Show(TrendView view) => Navigation.NavigateTo(view.Uri(Navigation));

    private void Remove(KeptValue kept) => Show(kept.Without);

    private void SelectPeriod(PeriodSelection selection) => Show(_view with { Selection = selection });

    private void SelectGranularity(Granularity granularity) => Show(_view with { Granularity = granularity });

    private void SelectMeasure(TrendMeasure measure) => Show(_view with { Measure = measure });

    private void SelectBreakdown(string key) =>
        Show(_view.WithBreakdown(Dimensions.TryParse(key, out var d) ? d : null));

    private void SelectFilter(string value) => Show(_view.WithFilter(string.IsNullOrEmpty(value) ? null : value));

    private void SelectBreakdown2(string key) =>
        Show(_view.WithBreakdown2(Dimensions.TryParse(key, out var d) ? d : null));

    private void SelectFilter2(string value) => Show(_view.WithFilter2(string.IsNullOrEmpty(value) ? null : value));

    // After an error nothing is loaded, so setting the parameters again loads them (and draws the graphs).
    private Task ReloadAsync() => OnParametersSetAsync();

    private async Task LoadAsync()
    {
        var view = _view;
        _tooFine = null;
        Data = null;
        var userId = await CurrentUser.GetIdAsync();
        await _load.LoadAsync(cancellationToken => AskAsync(userId, view, cancellationToken),
            answer => ShowAnswer(view, answer), e =>
        {
            Logger.LogError(e, "Loading the trend for {Query} failed", view.Query);
            return "Your trend could not be loaded just now.";
        });
    }

    /// <summary>
    /// The view's trend, and with a kept value the choices beside it, which come from asking without it. A second kept
    /// value needs a first, so the answers are the view's, then the first's, then the second's, asked side by side.
    /// </summary>
    private async Task<(TrendData[] Answers, GranularityTooFineException? TooFine)> AskAsync(int userId, TrendView view,
        CancellationToken cancellationToken)
    {
        try
        {
            var answers = await Task.WhenAll(new[] { view.Query, view.FirstValuesQuery, view.SecondValuesQuery }
                .OfType<TrendQuery>()
                .Select(query => Task.Run(() => Trends.GetAsync(userId, query, cancellationToken), cancellationToken)));
            return (answers, null);
        }
        catch (GranularityTooFineException e)
        {
            // The address asks for more buckets than a graph holds (days over years): offer the granularities that fit.
            return ([], e);
        }
    }

    private void ShowAnswer(TrendView view, (TrendData[] Answers, GranularityTooFineException? TooFine) answer)
    {
        if (answer.TooFine is { } tooFine)
        {
            _tooFine = tooFine;
            return;
        }
        var (answers, data) = (answer.Answers, answer.Answers[0]);
        FirstValues = view.Breakdown is null ? []
            : WithKept(answers.Length > 1 ? answers[1].Table : data.Table, view.Filter);
        SecondValues = view.Breakdown2 is null ? []
            : WithKept(answers.Length > 2 ? answers[2].Table : data.Table, view.Filter2);
        _loadedQuery = view.Query;
        Data = data;
    }

    /// <summary>The choices, with the kept value among them even when the period has no plays of it.</summary>
    private static IReadOnlyList<BreakdownRow> WithKept(IReadOnlyList<BreakdownRow> rows, string? kept) =>
        kept is null || rows.Any(r => r.Value == kept) ? rows : [.. rows, new BreakdownRow(kept, 0, 0, 0, 0)];

    public void Dispose() => _load.Dispose();
}
