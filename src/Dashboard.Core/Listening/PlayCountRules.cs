namespace Dashboard.Core.Listening;

public static class PlayCountRules
{
    /// <summary>Plays shorter than this never count under <see cref="PlayCountRule.AtLeast30Seconds"/>.</summary>
    public const int MinimumMs = 30_000;

    /// <summary>
    /// Whether a play of <paramref name="msPlayed"/> counts, given the item's length when known. A record of 0 ms is a
    /// play nobody heard (exports hold many, often beside the real play of the item): it counts under no rule.
    /// </summary>
    public static bool Counts(PlayCountRule rule, int msPlayed, int? durationMs) => msPlayed > 0 && rule switch
    {
        PlayCountRule.AllPlays => true,
        PlayCountRule.AtLeast30Seconds => msPlayed >= MinimumMs,
        PlayCountRule.AtLeastHalf => durationMs is { } length ? (long)msPlayed * 2 >= length : msPlayed >= MinimumMs,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
