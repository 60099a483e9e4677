namespace Dashboard.Core.Imports;

/// <summary>
/// What a record must look like to be kept as a play. A lifetime of listening fits inside these with room to spare;
/// a record outside them is not a play (a clock gone wrong, a file edited by hand), so it is skipped with its reason
/// and never stored. The README's import section lists them.
/// </summary>
internal static class PlayBounds
{
    /// <summary>No play is older than Spotify.</summary>
    public static readonly DateTime Earliest = new(2006, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>No single play lasts longer; the longest audiobook chapters and mixes run a few hours.</summary>
    public const long MaxMsPlayed = 24L * 60 * 60 * 1000;

    /// <summary>Names of tracks, artists, albums, episodes, shows, audiobooks, chapters and authors.</summary>
    public const int MaxNameLength = 1_000;

    /// <summary>Spotify URIs: <c>spotify:track:</c> and a 22-character id.</summary>
    public const int MaxUriLength = 200;

    /// <summary>Platforms: <c>Android OS 12 API 31 (samsung, SM-G781U)</c> and the like.</summary>
    public const int MaxPlatformLength = 500;

    /// <summary>Countries are two-letter codes.</summary>
    public const int MaxCountryLength = 16;

    /// <summary>
    /// Why a play started or ended: <c>trackdone</c>, <c>unexpected-exit-while-paused</c> and the like.
    /// </summary>
    public const int MaxReasonLength = 100;

    public const string NoItem = "no track, episode or chapter (Spotify left the item empty)";
    public const string NoRecord = "an empty record (null)";
    public const string NoTimestamp = "no time of play";
    public const string NoDuration = "no duration";
    public const string NegativeDuration = "a negative duration";
    public const string TooLong = "a duration over 24 hours";
    public const string TooEarly = "a time of play before 2006-01-01";
    public const string TooLate = "a time of play after tomorrow";

    /// <summary>The first moment too late to be a play: the day after tomorrow (UTC) by the import's clock.</summary>
    public static DateTime LatestExclusive(TimeProvider clock) => clock.GetUtcNow().UtcDateTime.Date.AddDays(2);

    /// <summary>Why a play's time and duration cannot be kept; null when they can.</summary>
    public static string? TimeAndDuration(DateTime playedAt, long msPlayed, DateTime latestExclusive) =>
        playedAt < Earliest ? TooEarly
        : playedAt >= latestExclusive ? TooLate
        : msPlayed < 0 ? NegativeDuration
        : msPlayed > MaxMsPlayed ? TooLong
        : null;

    /// <summary>
    /// Why a text field cannot be kept (too long, or holding a NUL, which PostgreSQL cannot store); null when it can.
    /// </summary>
    public static string? Text(string? value, string field, int maxLength) =>
        value is null ? null
        : value.Length > maxLength ? $"{field} over {maxLength:N0} characters"
        : value.Contains('\0') ? $"a NUL character in {field}"
        : null;
}
