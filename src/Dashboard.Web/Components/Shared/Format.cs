using System.Globalization;
using Dashboard.Core.Analytics;

namespace Dashboard.Web.Components.Shared;

/// <summary>How figures read on the pages. One culture for everyone, so numbers look the same in every browser.</summary>
public static class Format
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static string Count(long value) => value.ToString("N0", Culture);

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

    /// <summary>Hours with one decimal, for chart axes and tooltips.</summary>
    public static double Hours(long milliseconds) => Math.Round(milliseconds / 3_600_000.0, 1);

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", Culture);

    public static string Range(DayRange range) =>
        range.From.Year == range.To.Year
            ? $"{range.From.ToString("d MMM", Culture)} – {Day(range.To)}"
            : $"{Day(range.From)} – {Day(range.To)}";

    public static string Bytes(long bytes) => Core.Import.Bytes.Format(bytes);

    /// <summary>An instant on the user's wall clock: "3 Nov 2026, 14:05".</summary>
    public static string Moment(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy, HH:mm", Culture);

    /// <summary>An instant's local day: "3 Nov 2026".</summary>
    public static string LocalDay(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy", Culture);

    /// <summary>A short span: "45 s", "3 min 20 s", "1 h 5 min".</summary>
    public static string Span(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
        : $"{Math.Max(0, (int)Math.Round(span.TotalSeconds))} s";

    public static string PeriodName(PeriodSelection selection) => selection.Period switch
    {
        Period.Week => "Last 7 days",
        Period.Month => "Last 30 days",
        Period.Quarter => "Last 90 days",
        Period.Year => "Last 365 days",
        Period.AllTime => "All time",
        _ => "Custom range",
    };

    /// <summary>What a change is measured against: "vs the previous 30 days".</summary>
    public static string ComparedWith(DayRange range) =>
        $"vs the previous {Count(range.Days)} {(range.Days == 1 ? "day" : "days")} ({Range(range.Previous())})";

    public static string Percent(double fraction) => fraction.ToString("0%", Culture);

    public static string Weekday(int isoWeekday) => isoWeekday switch
    {
        1 => "Mon", 2 => "Tue", 3 => "Wed", 4 => "Thu", 5 => "Fri", 6 => "Sat", 7 => "Sun",
        _ => throw new ArgumentOutOfRangeException(nameof(isoWeekday)),
    };

    public static string Hour(int hour) => $"{hour:00}:00";

    /// <summary>A colour of its own for an item without artwork, the same every time for the same name.</summary>
    public static string PlaceholderStyle(string name)
    {
        var hash = name.Aggregate(17u, (h, c) => unchecked(h * 31 + c));
        return $"background: hsl({hash % 360}, 45%, 42%); color: #fff;";
    }

    public static string Initials(string? name) =>
        string.Concat((name ?? "?").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => char.IsLetterOrDigit(word[0]))
            .Take(2)
            .Select(word => char.ToUpperInvariant(word[0])));

    /// <summary>Time played as a player shows it: "3:07", "1:02:15".</summary>
    public static string Elapsed(long milliseconds)
    {
        var span = TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}" : $"{span.Minutes}:{span.Seconds:00}";
    }

    /// <summary>A wall-clock time of day: "14:05".</summary>
    public static string TimeOfDay(DateTime local) => local.ToString("HH:mm", Culture);

    /// <summary>A day of a wall-clock time: "3 Nov 2026".</summary>
    public static string Day(DateTime local) => Day(DateOnly.FromDateTime(local));

    /// <summary>A country's English name from the two-letter code Spotify records ("DE": "Germany"); the code itself when unknown.</summary>
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
