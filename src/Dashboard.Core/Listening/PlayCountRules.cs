namespace Dashboard.Core.Listening;

public static class PlayCountRules
{
    /// <summary>Plays shorter than this never count under <see cref="PlayCountRule.AtLeast30Seconds"/>.</summary>
    public const int MinimumMs = 30_000;

    /// <summary>Keeps the plays that count under <paramref name="rule"/>; translated to SQL.</summary>
    public static IQueryable<Play> ThatCount(this IQueryable<Play> plays, PlayCountRule rule) => rule switch
    {
        PlayCountRule.AllPlays => plays,
        PlayCountRule.AtLeast30Seconds => plays.Where(p => p.MsPlayed >= MinimumMs),
        PlayCountRule.AtLeastHalf => plays.Where(p =>
            p.TrackId != null
                ? (p.Track!.DurationMs != null ? p.MsPlayed * 2 >= p.Track.DurationMs : p.MsPlayed >= MinimumMs)
                : (p.Episode!.DurationMs != null ? p.MsPlayed * 2 >= p.Episode.DurationMs : p.MsPlayed >= MinimumMs)),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
