using Dashboard.Core.Listening;

namespace Dashboard.Core.Analytics.Rollups;

// Rollups are derived from plays, in the user's current time zone and under the user's current play-count
// rule; a change of either rebuilds them. "Plays" and "MsPlayed" count the plays that count under the rule;
// "AllPlays" and "Skips" count every play, so skip rates do not depend on the rule.

/// <summary>
/// One local day of listening, broken down by every dimension the trend page offers: the small table
/// behind totals, days, streaks, trends and breakdowns.
/// </summary>
public sealed class DailyRollup
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public DateOnly LocalDate { get; set; }
    public ContentType ContentType { get; set; }
    public string? Platform { get; set; }
    public string? Country { get; set; }
    public string? ReasonStart { get; set; }
    public string? ReasonEnd { get; set; }
    public bool? Shuffle { get; set; }
    public bool? Skipped { get; set; }
    public bool? Offline { get; set; }
    public bool? Incognito { get; set; }
    public int Plays { get; set; }
    public long MsPlayed { get; set; }
    public int AllPlays { get; set; }
    public int Skips { get; set; }
}

/// <summary>
/// One local day of listening split by one dimension: the narrow table behind day totals, the content split and
/// trends broken down by one dimension, which would otherwise group every combination of dimensions the
/// <see cref="DailyRollup"/> keeps. <see cref="Value"/> is the value as the API names it (<c>unknown</c> for none).
/// </summary>
public sealed class DimensionRollup
{
    public int UserId { get; set; }
    public Dimension Dimension { get; set; }
    public DateOnly LocalDate { get; set; }
    public string Value { get; set; } = "";
    public int Plays { get; set; }
    public long MsPlayed { get; set; }
    public int AllPlays { get; set; }
    public int Skips { get; set; }
}

/// <summary>One local hour of listening: the listening clock and the hourly and weekday distributions.</summary>
public sealed class HourlyRollup
{
    public int UserId { get; set; }
    public DateOnly LocalDate { get; set; }
    public byte LocalHour { get; set; }

    /// <summary>ISO weekday of <see cref="LocalDate"/>: 1 = Monday ... 7 = Sunday.</summary>
    public byte LocalWeekday { get; set; }

    public int Plays { get; set; }
    public long MsPlayed { get; set; }
}

/// <summary>
/// What an <see cref="ItemTotal"/> totals. Tracks and episodes are counted from the plays; artists, albums and
/// shows are sums of their tracks' and episodes' totals through the catalogue, refreshed with them and whenever
/// the catalogue changes a track's artists or album.
/// </summary>
public enum ItemKind
{
    Track = 0,
    Episode = 1,
    Artist = 2,
    Album = 3,
    Show = 4,
}

/// <summary>A user's lifetime totals for one item: all-time top lists, detail pages, first and last listens.</summary>
public sealed class ItemTotal
{
    public int UserId { get; set; }
    public ItemKind Kind { get; set; }
    public int ItemId { get; set; }
    public int Plays { get; set; }
    public long MsPlayed { get; set; }
    public int AllPlays { get; set; }
    public int Skips { get; set; }

    /// <summary>Plays that ran to the end (<c>trackdone</c>).</summary>
    public int Completed { get; set; }

    /// <summary>Plays whose end reason is known, for the completion rate.</summary>
    public int WithEndReason { get; set; }

    public DateTime FirstPlayedAt { get; set; }
    public DateTime LastPlayedAt { get; set; }
}

/// <summary>What an <see cref="ItemBreakdown"/> splits an item's lifetime by.</summary>
public enum Facet
{
    /// <summary>The local month, as <c>yyyy-MM</c>.</summary>
    Month = 0,
    Platform = 1,
    Country = 2,
}

/// <summary>
/// A user's counted plays of one track or episode in one local month, on one platform or from one country: the
/// charts and tables of the detail pages, which sum them over an artist's, album's or show's tracks or episodes.
/// </summary>
public sealed class ItemBreakdown
{
    public int UserId { get; set; }
    public ItemKind Kind { get; set; }
    public int ItemId { get; set; }
    public Facet Facet { get; set; }
    public string Value { get; set; } = "";
    public int Plays { get; set; }
    public long MsPlayed { get; set; }
}

public enum ChartKind
{
    Tracks = 0,
    Artists = 1,
}

/// <summary>A place in a personal weekly chart (Monday to Sunday, local).</summary>
public sealed class WeeklyChartEntry
{
    public int UserId { get; set; }
    public ChartKind Chart { get; set; }
    public DateOnly WeekStart { get; set; }
    public int Position { get; set; }
    public int ItemId { get; set; }
    public int Plays { get; set; }
    public long MsPlayed { get; set; }
}

/// <summary>A stretch of listening: plays with no gap of more than ten minutes between them.</summary>
public sealed class ListeningSession
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime EndedAt { get; set; }
    public DateOnly LocalDate { get; set; }
    public int Plays { get; set; }
    public long MsPlayed { get; set; }
    public int Skips { get; set; }
}

/// <summary>
/// Which derived data is current. Day and item rollups are refreshed in the same transaction as the plays
/// they come from; charts and sessions are rebuilt by the job that moved <see cref="DataVersion"/>.
/// </summary>
public sealed class RollupState
{
    public int UserId { get; set; }
    public long DataVersion { get; set; }
    public long ChartsVersion { get; set; }
    public long SessionsVersion { get; set; }
}
