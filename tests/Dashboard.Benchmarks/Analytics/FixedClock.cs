namespace Dashboard.Benchmarks.Analytics;

/// <summary>A clock that stands still, so "this year" is the generated history's last year on every run.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
