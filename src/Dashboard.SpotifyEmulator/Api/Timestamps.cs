using System.Globalization;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>The two ways the Web API writes times: ISO-8601 UTC strings and Unix milliseconds.</summary>
internal static class Timestamps
{
    public static long UnixMs(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>As in <c>played_at</c>: <c>2026-03-10T18:42:07.312Z</c>.</summary>
    public static string IsoWithMilliseconds(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>As in <c>added_at</c>: <c>2024-05-01T12:00:00Z</c>.</summary>
    public static string IsoSeconds(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
