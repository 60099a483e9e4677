using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Analytics;

namespace Dashboard.Core.Reports;

/// <summary>Everything a generator needs to know about the report it makes and whose it is.</summary>
internal sealed record ReportContext(
    Report Report,
    ReportParameters Parameters,
    QueryUser User,
    string DisplayName,
    string SpotifyId,
    DateTimeOffset GeneratedAt)
{
    public TimeZoneInfo Zone => User.Zone;

    /// <summary>A stored UTC instant on the user's clock, with its offset: <c>2025-03-30T03:15:00+02:00</c>.</summary>
    public DateTimeOffset Local(DateTime utc)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(instant).ToOffset(Zone.GetUtcOffset(instant));
    }

    /// <summary>The <c>meta</c> fields every JSON report starts with.</summary>
    public void WriteMeta(Utf8JsonWriter json, int totalRecords)
    {
        json.WriteStartObject("meta");
        json.WriteString("report_id", Report.Id);
        json.WriteString("type", Report.Type.Key());
        json.WriteStartObject("user");
        json.WriteNumber("id", User.UserId);
        json.WriteString("spotify_id", SpotifyId);
        json.WriteString("display_name", DisplayName);
        json.WriteEndObject();
        if (Report.Type == ReportType.DailyAnalytics)
        {
            json.WriteString("date", Day(Parameters.From));
        }
        else
        {
            json.WriteString("period", Parameters.Period ?? Period.Custom.Key());
            json.WriteString("from", Day(Parameters.From));
            json.WriteString("to", Day(Parameters.To));
        }
        json.WriteString("time_zone", Zone.Id);
        json.WriteString("play_count_rule", JsonNamingPolicy.SnakeCaseLower.ConvertName(User.Rule.ToString()));
        json.WriteNumber("total_records", totalRecords);
        json.WriteString("generated_at", GeneratedAt);
        json.WriteString("generated_by", "Dashboard");
        json.WriteEndObject();
    }

    public static string Day(DateOnly day) => day.ToString(Periods.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// How enum values are named in every file: as the JSON API names them (<c>extended_history</c>).
    /// </summary>
    public static string Name<T>(T value) where T : struct,
        Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static string? SpotifyUri(string kind, string? spotifyId) => spotifyId is null ? null
        : $"spotify:{kind}:{spotifyId}";
}
