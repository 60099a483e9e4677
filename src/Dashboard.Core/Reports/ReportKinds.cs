using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Analytics;

namespace Dashboard.Core.Reports;

/// <summary>
/// What a report covers: the local days <see cref="From"/> to <see cref="To"/> (one day for daily analytics),
/// fixed when it is requested so that a report made later, or made again, covers the same days.
/// </summary>
/// <param name="Period">The period the days were chosen as (<c>year</c>, <c>all_time</c>, ...), for top lists and
/// summaries.</param>
/// <param name="Limit">How many items each top list holds.</param>
public sealed record ReportParameters(DateOnly From, DateOnly To, string? Period = null, int? Limit = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The selection the analytics services are asked for. All time stays all time, which the services answer
    /// from their lifetime totals.
    /// </summary>
    public PeriodSelection Selection => Period == Analytics.Period.AllTime.Key() ? PeriodSelection.AllTime
        : PeriodSelection.Between(From, To);

    public DayRange Range => new(From, To);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportParameters Parse(string json) =>
        JsonSerializer.Deserialize<ReportParameters>(json, Json)
            ?? throw new JsonException("Report parameters are empty.");
}

/// <summary>The names, formats, files and content types of the report types.</summary>
public static class ReportKinds
{
    public static string Key(this ReportType type) => type switch
    {
        ReportType.DailyAnalytics => "daily_analytics",
        ReportType.ListeningHistory => "listening_history",
        ReportType.TopLists => "top_lists",
        ReportType.PeriodSummary => "period_summary",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Key(this ReportFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>The formats a type is made in; the first is the usual one.</summary>
    public static IReadOnlyList<ReportFormat> Formats(this ReportType type) => type switch
    {
        ReportType.DailyAnalytics => [ReportFormat.Zip],
        ReportType.ListeningHistory or ReportType.TopLists => [ReportFormat.Csv, ReportFormat.Json],
        ReportType.PeriodSummary => [ReportFormat.Pdf],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? key, out ReportType type) =>
        TryParseKey(key, Enum.GetValues<ReportType>(), Key, out type);

    public static bool TryParse(string? key, out ReportFormat format) =>
        TryParseKey(key, Enum.GetValues<ReportFormat>(), Key, out format);

    public static string ContentType(this ReportFormat format) => format switch
    {
        ReportFormat.Zip => "application/zip",
        ReportFormat.Csv => "text/csv; charset=utf-8",
        ReportFormat.Json => "application/json; charset=utf-8",
        ReportFormat.Pdf => "application/pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The name the file is downloaded as, e.g. <c>listening-history-2025-01-01_2025-03-31.csv</c>.</summary>
    public static string FileName(ReportType type, ReportFormat format, ReportParameters parameters)
    {
        var from = parameters.From.ToString(Periods.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
        var to = parameters.To.ToString(Periods.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
        var name = type switch
        {
            ReportType.DailyAnalytics => $"analytics-report-{from}",
            ReportType.ListeningHistory => $"listening-history-{from}_{to}",
            ReportType.TopLists => $"top-lists-{from}_{to}",
            ReportType.PeriodSummary => $"listening-summary-{from}_{to}",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
        return $"{name}.{format.Key()}";
    }

    private static bool TryParseKey<T>(string? key, T[] values, Func<T, string> keyOf, out T value) where T : struct,
        Enum
    {
        foreach (var candidate in values)
        {
            if (string.Equals(keyOf(candidate), key?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
