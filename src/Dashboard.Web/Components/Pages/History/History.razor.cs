using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Pages.Overview;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.History;

public partial class History : IDisposable
{
    public const int PageSize = 50;

    /// <summary>How long typing pauses before a search runs: one query per word, not per key.</summary>
    public const int DebounceMilliseconds = 400;

    private readonly PageLoader _load = new();
    private readonly AddressCheck _address = new();
    private HistoryFilters _filters = HistoryFilters.None;
    private HistoryQuery _query = HistoryFilters.None.ToQuery(1, PageSize);
    private HistoryQuery? _loadedQuery;

    // What the inputs show. They follow the address, except while the listener is typing into them.
    private string? _text;
    private string? _artist;
    private DateRange? _days;

    private bool _deleting;
    private string? _deleteError;

    [Inject] private HistoryService Plays { get; set; } = default!;
    [Inject] private PlayDeletion Deletion { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IScrollManager Scroll { get; set; } = default!;
    [Inject] private ILogger<History> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "page")] public string? PageNumber { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Text { get; set; }
    [SupplyParameterFromQuery(Name = "artist")] public string? Artist { get; set; }
    [SupplyParameterFromQuery(Name = "artist_id")] public string? ArtistId { get; set; }
    [SupplyParameterFromQuery(Name = "track_id")] public string? TrackId { get; set; }
    [SupplyParameterFromQuery(Name = "album_id")] public string? AlbumId { get; set; }
    [SupplyParameterFromQuery(Name = "show_id")] public string? ShowId { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string? Source { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "skipped")] public string? Skipped { get; set; }
    [SupplyParameterFromQuery(Name = "counted")] public string? Counted { get; set; }

    /// <summary>The page of plays; null while loading.</summary>
    private HistoryPage? Data { get; set; }

    /// <summary>The names of the items the page is kept to by id.</summary>
    private HistoryItemNames _itemNames = HistoryItemNames.None;

    /// <summary>The artist, track, album and show the page is kept to by id, with their names, for chips.</summary>
    private IEnumerable<ItemChip> ItemChips
    {
        get
        {
            if (_filters.ArtistId is { } artist)
            {
                yield return new ItemChip("artist_id", "Artist", _itemNames.Artist, artist);
            }
            if (_filters.TrackId is { } track)
            {
                yield return new ItemChip("track_id", "Track", _itemNames.Track, track);
            }
            if (_filters.AlbumId is { } album)
            {
                yield return new ItemChip("album_id", "Album", _itemNames.Album, album);
            }
            if (_filters.ShowId is { } show)
            {
                yield return new ItemChip("show_id", "Podcast", _itemNames.Show, show);
            }
        }
    }

    private string SourceKey => _filters.Source is { } source ? HistoryFilters.Key(source) : "";

    private string TypeKey => _filters.ContentType is { } type ? HistoryFilters.Key(type) : "";

    private string SkippedKey => _filters.Skipped is { } skipped ? HistoryFilters.Key(skipped) : "";

    private string CountedKey => _filters.Counted is { } counted ? HistoryFilters.Key(counted) : "";

    private string SummaryText => Data switch
    {
        null => "Every play, newest first",
        { Total: 0 } => _filters.IsEmpty ? "No plays yet" : "No plays match these filters",
        { Items.Count: 0 } data => Figures.Count(data.Total, "play"),
        var data => $"{Figures.Count((data.Page - 1) * data.PageSize + 1)}–" +
            $"{Figures.Count((data.Page - 1) * data.PageSize + data.Items.Count)} of " +
            Figures.Count(data.Total, "play"),
    };

    /// <summary>The plays of the page, a group per local day, newest first.</summary>
    private IEnumerable<IGrouping<DateOnly, HistoryEntry>> Days =>
        (Data?.Items ?? []).GroupBy(e => DateOnly.FromDateTime(e.LocalTime));

    protected override async Task OnParametersSetAsync()
    {
        var address = new Dictionary<string, string?>
        {
            ["q"] = Text, ["artist"] = Artist, ["artist_id"] = ArtistId, ["track_id"] = TrackId,
            ["album_id"] = AlbumId, ["show_id"] = ShowId, ["from"] = From, ["to"] = To, ["source"] = Source,
            ["type"] = Type, ["skipped"] = Skipped, ["counted"] = Counted,
        };
        _address.Begin();
        var filters = HistoryFilters.Parse(address.GetValueOrDefault, _address);
        var page = HistoryFilters.Page(PageNumber, _address);
        if (filters.Text != _filters.Text)
        {
            _text = filters.Text;
        }
        if (filters.Artist != _filters.Artist)
        {
            _artist = filters.Artist;
        }
        _days = filters.From is null && filters.To is null
            ? null
            : new DateRange(filters.From?.ToDateTime(TimeOnly.MinValue), filters.To?.ToDateTime(TimeOnly.MinValue));
        _filters = filters;
        _query = filters.ToQuery(page, PageSize);
        if (_address.End(Navigation, ShownUri, RendererInfo.IsInteractive))
        {
            return;
        }
        // Prerendering paints the page with skeletons; the plays load once, over the circuit.
        if (RendererInfo.IsInteractive && (Data is null || _loadedQuery != _query))
        {
            await LoadAsync();
        }
    }

    private string PagesText =>
        $"These plays fill {Figures.Count(Data!.Pages, "page")}.";

    private static string ContentName(ContentType type) => OverviewGraphs.ContentName(type);

    private static string? Platform(HistoryEntry entry) =>
        entry.Platform is { } platform ? Figures.Platform(platform) : null;

    private static string DayHeading(DateOnly day) => day.ToString("dddd, d MMMM yyyy", Figures.Culture);

    private static string PlayedTitle(HistoryEntry entry) => entry.DurationMs is { } duration
        ? $"Played {Figures.Elapsed(entry.MsPlayed)} of {Figures.Elapsed(duration)}"
        : $"Played {Figures.Elapsed(entry.MsPlayed)}";

    private static string MachineTime(HistoryEntry entry) =>
        entry.LocalTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Skipped as the history filter reads it: the flag, or for older exports the forward button ending the play.
    /// </summary>
    private static bool IsSkipped(HistoryEntry entry) => entry.Skipped ?? entry.ReasonEnd == "fwdbtn";

    private static string? ItemLink(HistoryEntry entry) => entry switch
    {
        { TrackId: { } track } => Links.Track(track),
        { ShowId: { } show } => Links.Show(show),
        _ => null,
    };

    private void Search(string? text)
    {
        _text = text;
        Apply(_filters with { Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });
    }

    private void FilterArtist(string? artist)
    {
        _artist = artist;
        Apply(_filters with { Artist = string.IsNullOrWhiteSpace(artist) ? null : artist.Trim() });
    }

    private void PickDays(DateRange? range) => Apply(_filters with
    {
        From = range?.Start is { } start ? DateOnly.FromDateTime(start) : null,
        To = range?.End is { } end ? DateOnly.FromDateTime(end) : null,
    });

    private void FilterSource(string key) =>
        Apply(_filters with { Source = HistoryFilters.Sources.Cast<PlaySource?>()
            .FirstOrDefault(s => HistoryFilters.Key(s!.Value) == key) });

    private void FilterType(string key) =>
        Apply(_filters with { ContentType = HistoryFilters.ContentTypes.Cast<ContentType?>()
            .FirstOrDefault(t => HistoryFilters.Key(t!.Value) == key) });

    private void FilterSkipped(string key) => Apply(_filters with { Skipped = HistoryFilters.YesOrNo(key) });

    private void FilterCounted(string key) => Apply(_filters with { Counted = HistoryFilters.YesOrNo(key) });

    /// <summary>The address of what the page shows.</summary>
    private string ShownUri()
    {
        var parameters = _filters.ToParameters();
        parameters["page"] = _query.Page == 1 ? null : _query.Page;
        return Navigation.GetUriWithQueryParameters(parameters);
    }

    /// <summary>New filters start again at the first page.</summary>
    private void Apply(HistoryFilters filters)
    {
        if (filters != _filters)
        {
            var parameters = filters.ToParameters();
            parameters["page"] = null;
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters));
        }
    }

    private void RemoveItem(ItemChip chip) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(
            new Dictionary<string, object?> { [chip.Key] = null, ["page"] = null }));

    private void ClearFilters()
    {
        var parameters = HistoryFilters.Keys.ToDictionary(key => key, _ => (object?)null);
        parameters["page"] = null;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters));
    }

    private async Task GoToPageAsync(int page)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("page", page == 1 ? null : page));
        // The pages are chosen under the list: the next one is read from its top.
        await Scroll.ScrollToTopAsync("html", ScrollBehavior.Auto);
    }

    private async Task LoadAsync()
    {
        Data = null;
        var query = _query;
        var userId = await CurrentUser.GetIdAsync();
        await _load.LoadAsync(async cancellationToken => (
                Plays: await Plays.GetAsync(userId, query, cancellationToken),
                Names: await Plays.GetItemNamesAsync(userId, query, cancellationToken)),
            answer => (Data, _itemNames, _loadedQuery) = (answer.Plays, answer.Names, query), e =>
        {
            Logger.LogError(e, "Loading the history page {Page} failed", query.Page);
            return "Your history could not be loaded just now.";
        });
    }

    /// <summary>Whether the filters name a whole range of days, whose every play can be deleted at once.</summary>
    private bool CanDeleteDays => _filters is { From: not null, To: not null };

    /// <summary>What deleting one play removes, as its confirmation says it.</summary>
    public static string PlayConfirmation(HistoryEntry entry) =>
        $"This deletes 1 play: {entry.Name}, which ended at {Figures.TimeOfDay(entry.LocalTime)} on " +
        $"{Figures.Day(entry.LocalTime)} after {Figures.Elapsed(entry.MsPlayed)}. Every figure, chart and session " +
        "follows. This cannot be undone.";

    /// <summary>What deleting a range of days removes, as its confirmation says it.</summary>
    /// <param name="filtered">Whether other filters hide some of those plays from the list.</param>
    public static string DaysConfirmation(RemovedPlays plays, DateOnly from, DateOnly to, bool filtered) =>
        (plays.Plays == 1 ? "This deletes the 1 play" : $"This deletes all {Figures.Count(plays.Plays)} plays")
        + $" {DaysText(from, to)}"
        + (filtered ? ", including any the search and the other filters hide." : ".")
        + " Every figure, chart and session follows. This cannot be undone.";

    private static string DeleteLabel(HistoryEntry entry) =>
        $"Delete the play of {entry.Name} at {Figures.TimeOfDay(entry.LocalTime)} on {Figures.Day(entry.LocalTime)}";

    private static string PlaysText(int plays) => plays == 1 ? "1 play" : $"{Figures.Count(plays)} plays";

    private static string DaysText(DateOnly from, DateOnly to) =>
        from == to ? $"on {Figures.Day(from)}" : $"from {Figures.Day(from)} to {Figures.Day(to)}";

    private async Task DeletePlayAsync(HistoryEntry entry)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this play?", PlayConfirmation(entry),
            yesText: "Delete 1 play", cancelText: "Keep it");
        if (confirmed == true)
        {
            await DeleteAsync(async (userId, cancellationToken) =>
                await Deletion.DeletePlayAsync(userId, entry.Id, cancellationToken)
                    ? "Deleted 1 play."
                    : "This play was deleted already.");
        }
    }

    private async Task DeleteDaysAsync()
    {
        var (from, to) = (_filters.From!.Value, _filters.To!.Value);
        _deleteError = null;
        RemovedPlays plays;
        try
        {
            var userId = await CurrentUser.GetIdAsync();
            var closing = _load.Closing;
            plays = await Task.Run(() => Deletion.CountDaysAsync(userId, from, to, closing), closing);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Counting the plays of {From} to {To} for deleting them failed", from, to);
            _deleteError = "The plays of these days could not be counted just now. Try again in a moment.";
            return;
        }
        if (plays.Plays == 0)
        {
            _deleteError = $"There are no plays {DaysText(from, to)} to delete.";
            return;
        }
        var filtered = _filters with { From = null, To = null };
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete the plays of these days?",
            DaysConfirmation(plays, from, to, !filtered.IsEmpty),
            yesText: $"Delete {PlaysText(plays.Plays)}", cancelText: "Keep them");
        if (confirmed == true)
        {
            await DeleteAsync(async (user, cancellationToken) =>
                $"Deleted {PlaysText((await Deletion.DeleteDaysAsync(user, from, to, cancellationToken)).Plays)}.");
        }
    }

    /// <summary>
    /// Runs a delete off the circuit's thread (it takes a while for years of plays), says what it did, and loads the
    /// page again; a failure is shown plainly.
    /// </summary>
    private async Task DeleteAsync(Func<int, CancellationToken, Task<string>> delete)
    {
        _deleting = true;
        _deleteError = null;
        try
        {
            var userId = await CurrentUser.GetIdAsync();
            var closing = _load.Closing;
            Snackbar.Add(await Task.Run(() => delete(userId, closing), closing), Severity.Success);
            await LoadAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Deleting plays from the history page failed");
            _deleteError = "The plays could not be deleted just now; nothing was deleted. Try again in a moment.";
        }
        finally
        {
            _deleting = false;
        }
    }

    public void Dispose() => _load.Dispose();

    /// <summary>
    /// A filter to one item by id: its address parameter, its kind, and its name (null when the listener's catalogue
    /// has no such item).
    /// </summary>
    private sealed record ItemChip(string Key, string Kind, string? Name, int Id)
    {
        public string Text => $"{Kind}: {Name ?? $"not in your history (id {Id})"}";

        public string RemoveLabel => $"Remove the filter {Text}";
    }
}
