namespace Dashboard.Benchmarks.Runs;

/// <summary>The user both paths import for.</summary>
internal static class BenchmarkListener
{
    /// <summary>
    /// A zone with daylight saving time, so local dates and hours cost what they cost for most users.
    /// </summary>
    public const string TimeZone = "Europe/Berlin";
}
