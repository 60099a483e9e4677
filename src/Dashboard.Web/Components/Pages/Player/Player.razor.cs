using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Player;
using Dashboard.Core.Spotify;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Player;

/// <summary>
/// The user's Spotify player, read every few seconds while the page is open. Between reads the progress bar moves on
/// by the clock, a second at a time; queue and devices are read when the item changes, or every half minute.
/// </summary>
public partial class Player : IAsyncDisposable
{
    /// <summary>How often the page repaints the progress.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    /// <summary>How often Spotify is asked what plays.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often queue and devices are read while the same item plays.</summary>
    public static readonly TimeSpan ListsInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposed = new();
    private Task? _polling;
    private int _userId;
    private bool _premium = true;
    private bool _loaded;
    private NowPlaying? _now;
    private PlayerQueue? _queue;
    private IReadOnlyList<PlayerDevice>? _devices;
    private PlayerTrouble? _trouble;
    private string? _commandNotice;
    private bool _sending;
    private DateTimeOffset _nextPoll;
    private DateTimeOffset _nextLists;
    private string? _listsFor;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject] private PlayerService Spotify { get; set; } = default!;
    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private DateTimeOffset Now => Clock.GetUtcNow();

    private int Progress => _now?.ProgressAt(Now) ?? 0;

    private double ProgressPercent => _now is { Item.DurationMs: > 0 } now ? 100.0 * Progress / now.Item.DurationMs : 0;

    private bool SignInRequired => _trouble?.Kind == PlayerTroubleKind.SignInRequired;

    private string? TroubleText => _trouble switch
    {
        { Kind: PlayerTroubleKind.RateLimited, RetryAt: { } retryAt } =>
            $"Spotify asked the app to slow down. The player tries again at {LocalClock(retryAt)} " +
            $"({RelativeTime.Of(retryAt.UtcDateTime, Now)}).",
        { } trouble => trouble.Message,
        null => null,
    };

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        _userId = await CurrentUser.GetIdAsync();
        var settings = await Accounts.GetSettingsAsync(_userId, _disposed.Token);
        _zone = Core.Listening.TimeZones.FindOrUtc(settings.TimeZone);
        // Spotify says "premium" or "free"; when it said nothing, the commands find out.
        _premium = settings.Product is null || settings.Product == "premium";
        await RefreshAsync();
        _polling = PollAsync(_disposed.Token);
    }

    /// <summary>
    /// Reads Spotify when a poll is due, or just after the item playing should have ended; repaints every
    /// <see cref="Tick"/> in between, so the progress moves even while a read waits.
    /// </summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(ReadAsync(), RepaintAsync());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page closed: polling stops with it.
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }

        async Task ReadAsync()
        {
            while (true)
            {
                await Task.Delay(UntilNextRead(), Clock, cancellationToken);
                await RefreshAsync();
                await InvokeAsync(StateHasChanged);
            }
        }

        async Task RepaintAsync()
        {
            using var timer = new PeriodicTimer(Tick, Clock);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(StateHasChanged);
            }
        }
    }

    private TimeSpan UntilNextRead()
    {
        var due = _nextPoll;
        if (_now is { IsPlaying: true } now)
        {
            var ends = now.FetchedAt + TimeSpan.FromMilliseconds(now.Item.DurationMs - now.ProgressMs) + Tick;
            due = ends < due ? ends : due;
        }
        return due - Now > Tick ? due - Now : Tick;
    }

    private async Task RefreshAsync()
    {
        var token = _disposed.Token;
        var answer = await Spotify.GetNowPlayingAsync(_userId, token);
        _loaded = true;
        _trouble = answer.Trouble;
        _nextPoll = Now + PollInterval;
        if (answer.Trouble is { RetryAt: { } retryAt })
        {
            _nextPoll = retryAt;
        }
        if (!answer.Succeeded)
        {
            return;
        }
        _now = answer.Value;
        var itemId = _now?.Item.Id;
        if (itemId != _listsFor || Now >= _nextLists)
        {
            _listsFor = itemId;
            _nextLists = Now + ListsInterval;
            _queue = _now is null ? null : (await Spotify.GetQueueAsync(_userId, token)).Value;
            _devices = (await Spotify.GetDevicesAsync(_userId, token)).Value ?? _devices;
        }
    }

    private Task PlayOrPauseAsync() =>
        SendAsync(_now is { IsPlaying: true } ? PlayerCommand.Pause : PlayerCommand.Play);

    private Task NextAsync() => SendAsync(PlayerCommand.Next);

    private Task PreviousAsync() => SendAsync(PlayerCommand.Previous);

    private async Task SendAsync(PlayerCommand command)
    {
        _sending = true;
        try
        {
            var answer = await Spotify.SendAsync(_userId, command, _disposed.Token);
            if (answer.Trouble is { } trouble)
            {
                _trouble = trouble;
                return;
            }
            _commandNotice = answer.Value switch
            {
                PlayerCommandResult.PremiumRequired =>
                    "Controlling playback needs Spotify Premium. You can still see what plays.",
                PlayerCommandResult.NoActiveDevice =>
                    "No device is active. Start playing on Spotify somewhere first, then control it here.",
                PlayerCommandResult.NotAllowedNow => "Spotify's player does not allow that right now.",
                _ => null,
            };
            if (answer.Value == PlayerCommandResult.PremiumRequired)
            {
                _premium = false;
            }
            // Whatever the command did, the player's state says it best.
            await RefreshAsync();
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page closed.
        }
        finally
        {
            _sending = false;
        }
    }

    private string LocalClock(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, _zone)
            .ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"3:07", "1:02:45".</summary>
    private static string Time(int milliseconds)
    {
        var span = TimeSpan.FromMilliseconds(milliseconds);
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"
            : $"{span.Minutes}:{span.Seconds:00}";
    }

    private static string DeviceIcon(string type) => type.ToLowerInvariant() switch
    {
        "smartphone" => Icons.Material.Rounded.Smartphone,
        "computer" => Icons.Material.Rounded.Computer,
        "speaker" => Icons.Material.Rounded.Speaker,
        "tv" => Icons.Material.Rounded.Tv,
        "tablet" => Icons.Material.Rounded.Tablet,
        _ => Icons.Material.Rounded.Devices,
    };

    private string ProgressWidth => $"{ProgressPercent.ToString("0.###", CultureInfo.InvariantCulture)}%";

    private bool IsPlaying => _now is { IsPlaying: true };
    private string PlayOrPauseText => IsPlaying ? "Pause" : "Play";
    private string PlayOrPauseIcon => IsPlaying ? Icons.Material.Rounded.Pause : Icons.Material.Rounded.PlayArrow;

    private static string RepeatIcon(string repeat) =>
        repeat == "track" ? Icons.Material.Rounded.RepeatOne : Icons.Material.Rounded.Repeat;

    private static string RepeatText(string repeat) => repeat switch
    {
        "track" => "Repeat this track",
        "context" => "Repeat",
        _ => "Repeat off",
    };

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        if (_polling is not null)
        {
            await _polling;
        }
        _disposed.Dispose();
    }
}
