using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Details;

/// <summary>
/// What every detail page shows: the header, the figures, plays over time, the weekly chart run, platforms and
/// countries. Each kind's page adds its own lists through <see cref="ChildContent"/>.
/// </summary>
public partial class DetailView : IDisposable
{
    private readonly PageLoader _load = new();
    private (DetailKind Kind, int Id)? _loaded;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private bool _notFound;
    private DetailGraphs? _graphs;
    private (ItemDetail? Data, bool Dark) _chartInputs;

    [Inject] private DetailService Details { get; set; } = default!;
    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private ILogger<DetailView> Logger { get; set; } = default!;

    [Parameter, EditorRequired] public DetailKind Kind { get; set; }

    [Parameter, EditorRequired] public int Id { get; set; }

    /// <summary>
    /// The kind's own sections (top tracks, albums, episodes), given the loaded item. Defaults to none.
    /// </summary>
    [Parameter] public RenderFragment<ItemDetail>? ChildContent { get; set; }

    [CascadingParameter(Name = "IsDarkMode")]
    public bool IsDarkMode { get; set; }

    /// <summary>The item; null while loading, when it is not found, or after an error.</summary>
    private ItemDetail? Data { get; set; }

    private bool IsLoading => Data is null && !_notFound && _load.Error is null;

    /// <summary>Tracks and artists have weekly charts; albums and shows do not.</summary>
    private bool HasCharts => Kind is DetailKind.Track or DetailKind.Artist;

    private string KindName => Kind switch
    {
        DetailKind.Track => "Track",
        DetailKind.Artist => "Artist",
        DetailKind.Album => "Album",
        DetailKind.Show => "Podcast",
        _ => Kind.ToString(),
    };

    private string NotFoundText =>
        $"This {KindName.ToLowerInvariant()} is not in your listening history. " +
        "It may never have been played on this account, or the link is wrong.";

    private string? SpotifyLink => Links.Spotify(Data?.SpotifyUri);

    /// <summary>
    /// The history kept to this item by its id: a name would also keep every item whose name contains it.
    /// </summary>
    private string? HistoryLink => Data is { } data ? Links.History(data.Kind, data.Id) : null;

    private string? ReleasedText => Data?.ReleaseDate is { } released
        ? DateOnly.TryParseExact(released, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? $"Released {Figures.Day(day)}"
            : $"Released {released}"
        : null;

    /// <summary>The artists of a track or album, linked; others have a plain subtitle.</summary>
    private bool LinksArtists => Data is { Artists.Count: > 0 };

    private string? PlaysHint => Data is { } data && data.AllPlays != data.Plays
        ? $"{Figures.Count(data.AllPlays)} in all, counting short plays"
        : null;

    private string? AverageHint => Data is { Plays: > 0 } data
        ? $"{Figures.Elapsed(data.ListeningMs / data.Plays)} a play on average" : null;

    private string ShareOfTime => FineShare(Data!.ShareOfTime);

    private string ShareOfPlaysHint => $"{FineShare(Data!.ShareOfPlays)} of your plays";

    private string SkipsHint =>
        $"{Figures.Count(Data!.Skips)} of {Figures.Count(Data.AllPlays, "play")} " +
        "skipped";

    private bool HasActions => SpotifyLink is not null || HistoryLink is not null;

    private string Peak => Data?.PeakPosition is { } peak ? $"#{peak}" : "Never";

    private string PeakHint => Data is { ChartHistory.Count: > 0 and var weeks }
        ? $"{Weeks(weeks)} in your weekly top {ChartsService.DefaultLength}"
        : $"Not in your weekly top {ChartsService.DefaultLength} yet";

    private string RunLabel =>
        $"Position of {Data!.Name} in your weekly top {ChartsService.DefaultLength}, week by week.";

    /// <summary>The second row of cards fills the row however many it has.</summary>
    private int SecondRowWidth => 12 / (2 + (Data?.CompletionRate is null ? 0 : 1) + (HasCharts ? 1 : 0));

    private string? BusiestMonthText => Data?.OverTime.MaxBy(m => m.Plays) is { Plays: > 0 } busiest
        ? $"Most played: {Month(busiest.Start)}, {Figures.Count(busiest.Plays, "play")}"
        : null;

    private string? RunText => Data is { ChartHistory.Count: > 0 and var weeks, PeakPosition: { } peak }
        ? $"Peak #{peak} · {Weeks(weeks)} on the chart"
        : null;

    protected override async Task OnParametersSetAsync()
    {
        // Prerendering paints the page with skeletons; the item loads once, over the circuit.
        if (RendererInfo.IsInteractive && _loaded != (Kind, Id))
        {
            await LoadAsync();
        }
        if (Data is not null && _chartInputs != (Data, IsDarkMode))
        {
            _chartInputs = (Data, IsDarkMode);
            _graphs = DetailGraphs.For(Data, IsDarkMode);
        }
    }

    /// <summary>Shares of a lifetime of listening are often under 1%: those get a decimal.</summary>
    public static string FineShare(double fraction) =>
        fraction.ToString(fraction < 0.1 ? "0.0%" : "0%", Figures.Culture);

    public static string Month(DateOnly start) => start.ToString("MMMM yyyy", Figures.Culture);

    private static string Weeks(int weeks) => Figures.Count(weeks, "week");

    private string LocalDay(DateTime utc) => Figures.LocalDay(utc, _zone);

    private string LocalTimeHint(DateTime utc) =>
        $"at {Figures.TimeOfDay(TimeZoneInfo.ConvertTimeFromUtc(utc, _zone))}";

    private async Task ReloadAsync()
    {
        await LoadAsync();
        await OnParametersSetAsync();
    }

    private async Task LoadAsync()
    {
        var (kind, id) = (Kind, Id);
        _notFound = false;
        Data = null;
        _loaded = (kind, id);
        var userId = await CurrentUser.GetIdAsync();
        await _load.LoadAsync(async cancellationToken => (
                Zone: await Accounts.GetTimeZoneAsync(userId, cancellationToken),
                Detail: await Details.GetAsync(userId, kind, id, cancellationToken)),
            answer => (_zone, Data, _notFound) = (answer.Zone, answer.Detail, answer.Detail is null), e =>
            {
                Logger.LogError(e, "Loading {Kind} {Id} failed", kind, id);
                return $"This {KindName.ToLowerInvariant()} could not be loaded just now.";
            });
    }

    public void Dispose() => _load.Dispose();
}
