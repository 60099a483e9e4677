using Dashboard.Core.Accounts;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Settings;

public partial class Settings : IAsyncDisposable
{
    private static readonly (PlayCountRule Rule, string Label, string Help)[] Rules =
    [
        (PlayCountRule.AtLeast30Seconds, "Plays of at least 30 seconds",
        "Spotify's own rule for a stream. Skips in the first seconds do not count."),
        (PlayCountRule.AtLeastHalf, "Plays of at least half the track",
        "Half of the track or episode; 30 seconds while its length is not known yet."),
        (PlayCountRule.AllPlays, "Every play",
            "Even a skip after a second counts; a record of 0 ms, heard by nobody, does not."),
    ];

    /// <summary>Every zone this machine knows, by IANA id.</summary>
    private static readonly Lazy<List<TimeZoneInfo>> AllZones = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.Id.Contains('/') || z.Id == "UTC")
        .OrderBy(z => z.Id, StringComparer.Ordinal).ToList());

    private readonly CancellationTokenSource _disposed = new();
    private AccountSettings? _settings;
    private SpotifyConnection? _connection;
    private string _timeZone = "UTC";
    private PlayCountRule _rule;
    private string? _browserZone;
    private bool _applying;

    /// <summary>The settings being applied, when this page saved them; null when it opened during a change.</summary>
    private (string TimeZone, PlayCountRule Rule)? _saved;
    private string? _error;

    /// <summary>The message that the last change is done, taken down when the next one is saved.</summary>
    private Snackbar? _done;
    private IJSObjectReference? _module;
    private int _userId;

    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private SettingsChanges Changes { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private SpotifyConnections Connections { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private bool SignInAgainSoon => _connection?.SignInAgainSoon(Clock.GetUtcNow()) == true;

    private bool IsChanged => _settings is not null
        && (_timeZone != _settings.TimeZone || _rule != _settings.PlayCountRule);

    /// <summary>What the recount does, in the words of the settings saved (not those it replaces).</summary>
    private string ApplyingText => _saved switch
    {
        { } saved when saved.TimeZone != _settings?.TimeZone =>
            $"Recounting your history on the {saved.TimeZone} clock… figures update when it is done.",
        { } => "Recounting your history with the new play-count rule… figures update when it is done.",
        null => "Recounting your history with your new settings… figures update when it is done.",
    };

    private TimeZoneInfo Zone => TimeZones.FindOrUtc(_settings?.TimeZone);

    private string TokenExpiry(SpotifyConnection connection) => Figures.Moment(connection.AccessTokenExpiresAt, Zone);

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        _userId = await CurrentUser.GetIdAsync();
        await ReloadAsync();
        _connection = await Connections.GetAsync(_userId, _disposed.Token);
        _applying = await Changes.IsPendingAsync(_userId, _disposed.Token);
        if (_applying)
        {
            // The page has rendered by the first wait inside; this only keeps it current until the change ends.
            await WatchAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/browser.js");
            _browserZone = await _module.InvokeAsync<string>("timeZone");
            StateHasChanged();
        }
    }

    private async Task ReloadAsync()
    {
        _settings = await Accounts.GetSettingsAsync(_userId, _disposed.Token);
        _timeZone = _settings.TimeZone;
        _rule = _settings.PlayCountRule;
    }

    /// <summary>
    /// The zones whose id or offset contains the text. The list opens searched with what the field shows, the chosen
    /// zone's label: that, like no text, lists every zone, the chosen one and this browser's first.
    /// </summary>
    private Task<IEnumerable<string>> SearchZones(string? text, CancellationToken cancellationToken)
    {
        var search = text?.Trim();
        var ids = AllZones.Value.Select(z => z.Id);
        if (string.IsNullOrEmpty(search) || search == ZoneLabel(_timeZone))
        {
            string[] first = _browserZone is { } browser && browser != _timeZone ? [_timeZone, browser] : [_timeZone];
            return Task.FromResult<IEnumerable<string>>([.. first, .. ids.Except(first)]);
        }
        var id = search.Replace(' ', '_');
        return Task.FromResult(ids.Where(zone => zone.Contains(id, StringComparison.OrdinalIgnoreCase)
            || ZoneLabel(zone).Contains(search, StringComparison.OrdinalIgnoreCase)));
    }

    private static string ZoneLabel(string? id) =>
        TimeZones.Find(id) is { } zone
            ? $"{zone.Id} (UTC{(zone.BaseUtcOffset < TimeSpan.Zero ? "-" : "+")}{zone.BaseUtcOffset:hh\\:mm})"
            : id ?? "";

    private void ZoneChanged(string? zone)
    {
        if (zone is not null)
        {
            _timeZone = zone;
        }
    }

    private void RuleChanged(PlayCountRule rule) => _rule = rule;

    private void UseBrowserZone() => _timeZone = _browserZone ?? _timeZone;

    private async Task ApplyAsync()
    {
        _error = null;
        // A message that the change before is done would otherwise still show while this one is applied, and read as
        // this one done (it stays some seconds; the browser's zone is applied just as a new listener first opens
        // Settings).
        if (_done is not null)
        {
            Snackbar.Remove(_done);
            _done = null;
        }
        try
        {
            await Changes.ScheduleAsync(_userId, _timeZone, _rule, _disposed.Token);
            _saved = (_timeZone, _rule);
            _applying = true;
            // The click's own render came at its first wait, the scheduling's, before this: without one now, the
            // recount message would show only when scheduling happened to answer at once (never on PostgreSQL).
            StateHasChanged();
            await WatchAsync();
        }
        catch (ArgumentException)
        {
            _error = $"'{_timeZone}' is not a time zone this server knows. Pick one from the list.";
        }
    }

    /// <summary>
    /// Waits, a second at a time, for the recount to finish; then shows the settings stored and says whether they are
    /// the ones saved. The job ends the same way whether it applied them or failed, so only the stored settings tell.
    /// </summary>
    private async Task WatchAsync()
    {
        try
        {
            while (await Changes.IsPendingAsync(_userId, _disposed.Token))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _disposed.Token);
            }
            var saved = _saved;
            // A pick that differs from what was stored stays picked after the reload: the listener may pick the next
            // change while one is applied, and saves one that was not applied again with one click.
            (string TimeZone, PlayCountRule Rule)? picked = IsChanged ? (_timeZone, _rule) : null;
            _applying = false;
            _saved = null;
            await ReloadAsync();
            if (picked is { } keep)
            {
                (_timeZone, _rule) = keep;
            }
            if (saved is null)
            {
                // A change this page did not save: what it was is not known here, only what is in force now.
                _done = Snackbar.Add($"The change is done: your history counts on the {_settings!.TimeZone} clock, "
                    + $"with {RuleInWords(_settings.PlayCountRule)}.", Severity.Success);
            }
            else if (saved == (_settings!.TimeZone, _settings.PlayCountRule))
            {
                _done = Snackbar.Add("Your history now counts with the new settings.", Severity.Success);
            }
            else
            {
                _error = $"Your new settings were not applied: your history still counts on the {_settings.TimeZone} "
                    + $"clock, with {RuleInWords(_settings.PlayCountRule)}. Save them again; if they are not applied "
                    + "again, the app's log says why.";
            }
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page closed; the change goes on in the background.
        }
    }

    /// <summary>A rule as the end of a sentence: "plays of at least 30 seconds", "every play".</summary>
    private static string RuleInWords(PlayCountRule rule)
    {
        var label = Rules.Single(r => r.Rule == rule).Label;
        return char.ToLowerInvariant(label[0]) + label[1..];
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }
        _disposed.Dispose();
    }
}
