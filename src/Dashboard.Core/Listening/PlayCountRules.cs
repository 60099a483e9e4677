namespace Dashboard.Core.Listening;

public static class PlayCountRules
{
    /// <summary>Plays shorter than this never count under <see cref="PlayCountRule.AtLeast30Seconds"/>.</summary>
    public const int MinimumMs = 30_000;

    /// <summary>Whether a play of <paramref name="msPlayed"/> counts, given the item's length when known.</summary>
    public static bool Counts(PlayCountRule rule, int msPlayed, int? durationMs) => rule switch
    {
        PlayCountRule.AllPlays => true,
        PlayCountRule.AtLeast30Seconds => msPlayed >= MinimumMs,
        PlayCountRule.AtLeastHalf => durationMs is { } length ? (long)msPlayed * 2 >= length : msPlayed >= MinimumMs,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
