using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Sync;

public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>How often each user's listening is synced. Defaults to 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most catalogue look-ups one run spends (within the hourly budget). Defaults to 40.</summary>
    [Range(0, 1000)]
    public int LookupsPerRun { get; set; } = 40;
}
