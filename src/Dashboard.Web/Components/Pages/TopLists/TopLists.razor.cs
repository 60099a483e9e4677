using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.TopLists;

public partial class TopLists : IDisposable
{
    public const int DefaultLimit = 25;

    private static readonly TopKind[] Kinds = Enum.GetValues<TopKind>();

    private readonly PageLoader _load = new();
    private readonly AddressCheck _address = new();
    private PeriodSelection _selection = PeriodSelection.Month;
    private TopKind _kind = TopKind.Tracks;
    private int _limit = DefaultLimit;

    [Inject] private TopListsService Lists { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ChosenPeriod Chosen { get; set; } = default!;
    [Inject] private ILogger<TopLists> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "kind")] public string? KindKey { get; set; }
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKey { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "limit")] public string? Limit { get; set; }

    /// <summary>The list; null while loading.</summary>
    private Core.Analytics.TopList? Data { get; set; }

    private int KindIndex => Array.IndexOf(Kinds, _kind);

    private string RangeText => Data is { } data && data.Selection == _selection
        ? $"{Figures.PeriodName(_selection)} · {Figures.Range(data.Range)}"
        : Figures.PeriodName(_selection);

    private string CountText => Data is { } data
        ? $"{Figures.Count(data.Entries.Count)} of {Figures.Count(data.TotalItems)} {Noun(data.Kind, data.TotalItems)}"
        : "";

    private string EmptyTitle => _kind switch
    {
        TopKind.Podcasts => "No podcasts in this period",
        _ => "No plays in this period",
    };

    private string EmptyText => _selection.IsAllTime
        ? _kind == TopKind.Podcasts
            ? "You have not listened to any podcasts yet. Episodes you play show up here with their shows."
            : "Your history is empty so far. Import your Spotify privacy export to rank a lifetime of listening."
        : "Nothing was played between these dates. Pick a longer period above.";

    /// <summary>Movement only means something against a period before this one; all time has none.</summary>
    private bool ShowsMovement => !_selection.IsAllTime;

    // The table follows the kind of the list it shows, which is the chosen one once it has loaded.

    /// <summary>Artists are people: round pictures. Everything else has a cover.</summary>
    private bool RoundImages => Data?.Kind == TopKind.Artists;

    /// <summary>What the line under each name is; artists have none.</summary>
    private string? DetailHeading => Data?.Kind switch
    {
        TopKind.Artists => null,
        TopKind.Podcasts => "Publisher",
        _ => "Artist",
    };

    protected override async Task OnParametersSetAsync()
    {
        _address.Begin();
        _selection = Chosen.Read(PeriodKey, From, To, _address);
        _kind = ParseKind(KindKey);
        _limit = ParseLimit(Limit);
        if (_address.End(Navigation, ShownUri, RendererInfo.IsInteractive))
        {
            return;
        }
        await Chosen.KeepAsync(_selection, PeriodKey, RendererInfo.IsInteractive);
        // Prerendering paints the page with skeletons; the list loads once, over the circuit.
        if (RendererInfo.IsInteractive
            && (Data is null || Data.Selection != _selection || Data.Kind != _kind || Data.Limit != _limit))
        {
            await LoadAsync();
        }
    }

    public static string Key(TopKind kind) => kind.ToString().ToLowerInvariant();

    private TopKind ParseKind(string? key)
    {
        if (Kinds.Cast<TopKind?>().FirstOrDefault(kind =>
            string.Equals(Key(kind!.Value), key, StringComparison.OrdinalIgnoreCase)) is { } kind)
        {
            return kind;
        }
        if (!string.IsNullOrEmpty(key))
        {
            _address.Ignore("kind", key, $"must be one of {string.Join(", ", Kinds.Select(Key))}");
        }
        return TopKind.Tracks;
    }

    private int ParseLimit(string? text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && TopListsService.Limits.Contains(limit))
        {
            return limit;
        }
        if (!string.IsNullOrEmpty(text))
        {
            _address.Ignore("limit", text, $"must be one of {string.Join(", ", TopListsService.Limits)}");
        }
        return DefaultLimit;
    }

    /// <summary>The address of what the page shows.</summary>
    private string ShownUri() => PeriodQuery.Uri(Navigation, _selection, new Dictionary<string, object?>
    {
        ["kind"] = Key(_kind),
        ["limit"] = _limit == DefaultLimit ? null : _limit,
    });

    private static string Label(TopKind kind) => kind.ToString();

    private static string Noun(TopKind kind, int count) => (kind, count) switch
    {
        (TopKind.Tracks, 1) => "track",
        (TopKind.Artists, 1) => "artist",
        (TopKind.Albums, 1) => "album",
        (TopKind.Podcasts, 1) => "podcast",
        _ => Key(kind),
    };

    private string ItemLink(RankedItem item) => Links.For(Data!.Kind, item.Id);

    /// <summary>The length of an entry's bar: its plays against the first entry's.</summary>
    private string BarWidth(RankedItem item) =>
        Data is { Entries: [var first, ..] } && first.Item.Plays > 0
            ? FormattableString.Invariant($"{Math.Max(2, 100.0 * item.Plays / first.Item.Plays):0.#}%")
            : "0%";

    private void SelectKind(int index)
    {
        // The tabs also report the index they were given; only a different tab is a choice.
        if (index >= 0 && index < Kinds.Length && Kinds[index] != _kind)
        {
            Navigate(new() { ["kind"] = Key(Kinds[index]) });
        }
    }

    private void SelectLimit(int limit) => Navigate(new() { ["limit"] = limit == DefaultLimit ? null : limit });

    private void SelectPeriod(PeriodSelection selection) =>
        Navigation.NavigateTo(PeriodQuery.Uri(Navigation, selection));

    private void Navigate(Dictionary<string, object?> parameters) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters));

    private async Task LoadAsync()
    {
        Data = null;
        var (kind, selection, limit) = (_kind, _selection, _limit);
        var userId = await CurrentUser.GetIdAsync();
        await _load.LoadAsync(cancellationToken => Lists.GetAsync(userId, kind, selection, limit, cancellationToken),
            list => Data = list, e =>
        {
            Logger.LogError(e, "Loading the top {Kind} for {Period} failed", kind, selection);
            return $"Your top {Key(kind)} could not be loaded just now.";
        });
    }

    public void Dispose() => _load.Dispose();
}
