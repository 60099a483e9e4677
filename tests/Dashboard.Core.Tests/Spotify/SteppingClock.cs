using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>
/// The app's clock in the Spotify test bed: the time is the test's fake clock; a wait (<c>Task.Delay</c> on this clock:
/// a retry's backoff, a Retry-After waited out) is over at once and moves the clocks on by its length, so no test waits
/// real seconds; a timeout (a <see cref="CancellationTokenSource"/> on this clock) runs in real time, because the
/// request it bounds does.
/// </summary>
internal sealed class SteppingClock(FakeTimeProvider time, Action<TimeSpan> advance) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (state is CancellationTokenSource || dueTime == Timeout.InfiniteTimeSpan || dueTime <= TimeSpan.Zero)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }
        advance(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
