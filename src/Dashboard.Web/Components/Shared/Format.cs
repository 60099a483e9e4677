using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;

namespace Dashboard.Web.Components.Shared;

/// <summary>How figures read on the pages: the shared <see cref="Figures"/>, and what only a page needs.</summary>
public static class Format
{
    public static string Count(long value) => Figures.Count(value);

    /// <summary>Listening time: "45 min", "12 h 5 min", "1,234 h".</summary>
    public static string Duration(long milliseconds) => Figures.Duration(milliseconds);

    /// <summary>Hours with one decimal, for chart axes and tooltips.</summary>
    public static double Hours(long milliseconds) => Math.Round(milliseconds / 3_600_000.0, 1);

    public static string Day(DateOnly day) => Figures.Day(day);

    public static string Range(DayRange range) => Figures.Range(range);

    public static string Bytes(long bytes) => Core.Imports.Bytes.Format(bytes);

    /// <summary>An instant on the user's wall clock: "3 Nov 2026, 14:05".</summary>
    public static string Moment(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy, HH:mm", Figures.Culture);

    /// <summary>An instant's local day: "3 Nov 2026".</summary>
    public static string LocalDay(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy", Figures.Culture);

    /// <summary>A short span: "45 s", "3 min 20 s", "1 h 5 min".</summary>
    public static string Span(TimeSpan span) => Figures.Span(span);

    public static string PeriodName(PeriodSelection selection) => Figures.PeriodName(selection);

    /// <summary>What a change is measured against: "vs the previous 30 days".</summary>
    public static string ComparedWith(DayRange range) => Figures.ComparedWith(range);

    public static string Percent(double fraction) => Figures.Percent(fraction);

    public static string Weekday(int isoWeekday) => Figures.Weekday(isoWeekday);

    public static string WeekdayName(int isoWeekday) => Figures.WeekdayName(isoWeekday);

    public static string Hour(int hour) => Figures.Hour(hour);

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
    public static string TimeOfDay(DateTime local) => local.ToString("HH:mm", Figures.Culture);

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
