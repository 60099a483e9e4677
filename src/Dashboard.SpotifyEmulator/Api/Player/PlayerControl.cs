namespace Dashboard.SpotifyEmulator.Api.Player;

/// <summary>
/// The user's own player commands, layered over the listener's timeline: playback follows the timeline shifted by
/// an offset that skips move, and a pause freezes the position. The timeline (and so the history) never changes.
/// </summary>
internal sealed class PlayerControl
{
    private readonly Lock _lock = new();
    private TimeSpan _offset;
    private DateTime? _pausedAt;
    private DateTime _changedAt = DateTime.MinValue;

    /// <summary>Where on the timeline the player is at <paramref name="now"/>.</summary>
    public PlayerPosition Position(DateTime now)
    {
        lock (_lock)
        {
            return new PlayerPosition(_pausedAt ?? now + _offset, _pausedAt is not null, _offset, _changedAt);
        }
    }

    public void Pause(DateTime now)
    {
        lock (_lock)
        {
            _pausedAt ??= now + _offset;
            _changedAt = now;
        }
    }

    public void Resume(DateTime now)
    {
        lock (_lock)
        {
            if (_pausedAt is { } pausedAt)
            {
                _offset = pausedAt - now;
                _pausedAt = null;
            }
            _changedAt = now;
        }
    }

    /// <summary>Plays on from <paramref name="timelinePoint"/> (a skip), resuming if paused.</summary>
    public void PlayFrom(DateTime timelinePoint, DateTime now)
    {
        lock (_lock)
        {
            _offset = timelinePoint - now;
            _pausedAt = null;
            _changedAt = now;
        }
    }
}

/// <param name="TimelineNow">The point of the listener's timeline the player is at.</param>
/// <param name="Offset">How far the player runs ahead of (or behind) the clock.</param>
/// <param name="ChangedAt">When a command last changed playback, by the clock.</param>
internal readonly record struct PlayerPosition(DateTime TimelineNow, bool IsPaused, TimeSpan Offset,
    DateTime ChangedAt);
