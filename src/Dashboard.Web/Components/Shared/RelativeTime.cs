using Dashboard.Core.Formatting;

namespace Dashboard.Web.Components.Shared;

/// <summary>An instant said relative to now: "just now", "5 min ago", "in 3 min", "2 h ago", "4 days ago".</summary>
public static class RelativeTime
{
    public static string Of(DateTime utc, DateTimeOffset now)
    {
        var span = DateTime.SpecifyKind(utc, DateTimeKind.Utc) - now.UtcDateTime;
        var future = span > TimeSpan.Zero;
        var length = span.Duration();
        var text = length.TotalSeconds < 45 ? null
            : length.TotalMinutes < 60 ? $"{Math.Max(1, (int)Math.Round(length.TotalMinutes))} min"
            : length.TotalHours < 24 ? $"{(int)length.TotalHours} h"
            : Figures.Count((int)length.TotalDays, "day");
        return text is null ? (future ? "in a moment" : "just now") : future ? $"in {text}" : $"{text} ago";
    }
}
