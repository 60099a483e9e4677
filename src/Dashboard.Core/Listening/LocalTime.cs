namespace Dashboard.Core.Listening;

/// <summary>A UTC instant as seen on the user's wall clock: the values stored in a play's local columns.</summary>
public readonly record struct LocalTime(DateOnly Date, byte Hour, byte Weekday)
{
    public static LocalTime Of(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return new LocalTime(DateOnly.FromDateTime(local), (byte)local.Hour, IsoWeekday(local.DayOfWeek));
    }

    /// <summary>1 = Monday ... 7 = Sunday.</summary>
    public static byte IsoWeekday(DayOfWeek day) => day == DayOfWeek.Sunday ? (byte)7 : (byte)day;

    /// <summary>Today's date in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeProvider clock, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
}

public static class TimeZones
{
    /// <summary>The zone with this IANA id, or null when the id is unknown on this machine.</summary>
    public static TimeZoneInfo? Find(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            return null;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : null;
    }

    /// <summary>
    /// The zone with this IANA id; UTC when it is unknown (a user's stored zone was removed from tzdata).
    /// </summary>
    public static TimeZoneInfo FindOrUtc(string? ianaId) => Find(ianaId) ?? TimeZoneInfo.Utc;

    /// <summary>
    /// The UTC instants that local days <paramref name="from"/> to <paramref name="to"/> (both included) span in
    /// <paramref name="zone"/>: from the start of the first up to, not including, the start of the day after the last.
    /// </summary>
    public static (DateTime? Start, DateTime? End) UtcBounds(DateOnly? from, DateOnly? to, TimeZoneInfo zone) =>
        (from is { } first ? StartOfDayUtc(first, zone) : null,
            to is { } last ? StartOfDayUtc(last.AddDays(1), zone) : null);

    /// <summary>
    /// The UTC instant a local day begins in <paramref name="zone"/>; where a clock change skips midnight, the first
    /// local time that exists.
    /// </summary>
    private static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
