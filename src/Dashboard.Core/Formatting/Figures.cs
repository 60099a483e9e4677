using System.Globalization;
using Dashboard.Core.Analytics;

namespace Dashboard.Core.Formatting;

/// <summary>
/// How figures, days and times read, on the pages and in the reports alike. One culture for everyone, so a number
/// or a date looks the same in every browser and every file.
/// </summary>
public static class Figures
{
    /// <summary>The one culture every figure, day and time is written in, and read back from a page in.</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static string Count(long value) => value.ToString("N0", Culture);

    /// <summary>
    /// A count with its noun, in the singular for exactly one: "1 play", "0 plays", "1,234 plays". The plural is the
    /// noun with an s unless <paramref name="plural"/> gives it ("entry", "entries"). Every count in a sentence on
    /// the pages, in the reports and in the sync's notes goes through here.
    /// </summary>
    public static string Count(long count, string noun, string? plural = null) =>
        $"{Count(count)} {Noun(count, noun, plural)}";

    /// <summary>The noun a count takes: <paramref name="noun"/> for exactly one, the plural otherwise.</summary>
    public static string Noun(long count, string noun, string? plural = null) =>
        count == 1 ? noun : plural ?? noun + "s";

    /// <summary>Listening time: "45 min", "12 h 5 min", "1,234 h".</summary>
    public static string Duration(long milliseconds)
    {
        var minutes = milliseconds / 60_000;
        if (minutes < 60)
        {
            return $"{minutes} min";
        }
        var hours = minutes / 60;
        return hours >= 100 ? $"{Count(hours)} h" : $"{hours} h {minutes % 60} min";
    }

    /// <summary>Hours with one decimal, for graph axes and tooltips.</summary>
    public static double Hours(long milliseconds) => Math.Round(milliseconds / 3_600_000.0, 1);

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", Culture);

    /// <summary>A day of a wall-clock time: "3 Nov 2026".</summary>
    public static string Day(DateTime local) => Day(DateOnly.FromDateTime(local));

    /// <summary>An instant on the user's wall clock: "3 Nov 2026, 14:05".</summary>
    public static string Moment(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy, HH:mm", Culture);

    /// <summary>An instant's local day: "3 Nov 2026".</summary>
    public static string LocalDay(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy", Culture);

    /// <summary>A wall-clock time of day: "14:05".</summary>
    public static string TimeOfDay(DateTime local) => local.ToString("HH:mm", Culture);

    /// <summary>Time played as a player shows it: "3:07", "1:02:15".</summary>
    public static string Elapsed(long milliseconds)
    {
        var span = TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"
            : $"{span.Minutes}:{span.Seconds:00}";
    }

    /// <summary>A size as people read it: "840 KB", "12.5 MB", "2 GB".</summary>
    public static string Bytes(long bytes) =>
        bytes >= 1024L * 1024 * 1024 ? Scaled(bytes, 1024.0 * 1024 * 1024, "GB")
        : bytes >= 1024 * 1024 ? Scaled(bytes, 1024.0 * 1024, "MB")
        : Scaled(bytes, 1024.0, "KB");

    private static string Scaled(long bytes, double unit, string name) =>
        $"{(bytes / unit).ToString("0.#", Culture)} {name}";

    public static string Range(DayRange range) =>
        range.From.Year == range.To.Year
            ? $"{range.From.ToString("d MMM", Culture)} – {Day(range.To)}"
            : $"{Day(range.From)} – {Day(range.To)}";

    /// <summary>A short span: "45 s", "3 min 20 s", "1 h 5 min".</summary>
    public static string Span(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
        : $"{Math.Max(0, (int)Math.Round(span.TotalSeconds))} s";

    public static string Percent(double fraction) => fraction.ToString("0%", Culture);

    public static string Weekday(int isoWeekday) => isoWeekday switch
    {
        1 => "Mon", 2 => "Tue", 3 => "Wed", 4 => "Thu", 5 => "Fri", 6 => "Sat", 7 => "Sun",
        _ => throw new ArgumentOutOfRangeException(nameof(isoWeekday)),
    };

    /// <summary>"Monday" for 1, "Sunday" for 7.</summary>
    public static string WeekdayName(int isoWeekday) =>
        isoWeekday is >= 1 and <= 7 ? ((DayOfWeek)(isoWeekday % 7)).ToString()
            : throw new ArgumentOutOfRangeException(nameof(isoWeekday));

    public static string Hour(int hour) => $"{hour:00}:00";

    /// <summary>"12 days" or "1 day".</summary>
    /// <summary>
    /// What <see cref="Streaks.Current"/> is: the current streak, or for a range that ended before today the streak on
    /// its last day.
    /// </summary>
    public static string StreakName(Streaks streaks) =>
        streaks.AsOf is { } day ? $"Streak on {Day(day)}" : "Current streak";

    public static string Days(int days) => Count(days, "day");

    /// <summary>What a change is measured against: "vs the previous 30 days".</summary>
    public static string ComparedWith(DayRange range) =>
        $"vs the previous {Days(range.Days)} ({Range(range.Previous())})";

    /// <summary>
    /// How a figure moved from <paramref name="previous"/> to <paramref name="current"/>: "+12%", "-3%",
    /// "no change" (under half a percent) or "new"; null when there is nothing to compare with.
    /// </summary>
    public static FigureChange? Change(double current, double? previous)
    {
        if (previous is not { } before)
        {
            return null;
        }
        if (before == 0)
        {
            return current == 0 ? new FigureChange("no change", 0) : new FigureChange("new", 1);
        }
        var percent = (current - before) / before * 100;
        return Math.Abs(percent) < 0.5 ? new FigureChange("no change", 0)
            : percent > 0 ? new FigureChange($"+{percent.ToString("0", Culture)}%", 1)
            : new FigureChange($"{percent.ToString("0", Culture)}%", -1);
    }

    public static string PeriodName(PeriodSelection selection) => selection.Period switch
    {
        Period.Week => "Last 7 days",
        Period.Month => "Last 30 days",
        Period.Quarter => "Last 90 days",
        Period.Year => "Last 365 days",
        Period.AllTime => "All time",
        _ => "Custom range",
    };

    // The short platform names of recent exports and the API; older exports wrote long descriptions ("Android OS 9 API
    // 28 (samsung, SM-G960F)"), shown as written.
    private static readonly Dictionary<string, string> Platforms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["android"] = "Android",
        ["ios"] = "iOS",
        ["windows"] = "Windows",
        ["osx"] = "macOS",
        ["linux"] = "Linux",
        ["web_player"] = "Web player",
        ["cast"] = "Cast",
    };

    /// <summary>
    /// A platform as people name it ("osx": "macOS", "web_player": "Web player"), on every page that shows one; an
    /// unknown name as written.
    /// </summary>
    public static string Platform(string platform) => Platforms.GetValueOrDefault(platform) ?? platform;

    /// <summary>
    /// A country's English name from the two-letter code Spotify records ("DE": "Germany"); the code itself when
    /// unknown.
    /// </summary>
    public static string Country(string code)
    {
        if (code.Length != 2)
        {
            return code;
        }
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code.ToUpperInvariant();
        }
    }
}

/// <summary>A change as read: its text, and whether it went up (1), down (-1) or stayed (0).</summary>
public sealed record FigureChange(string Text, int Direction);
