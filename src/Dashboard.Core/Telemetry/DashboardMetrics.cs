using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Dashboard.Core.Imports;
using Dashboard.Core.Reports;
using Dashboard.Core.Sync;

namespace Dashboard.Core.Telemetry;

/// <summary>
/// The product's own metrics, on the one meter <see cref="MeterName"/>: imports, syncs, Spotify calls and reports,
/// each recorded where the work ends and knows its outcome. Nothing is kept when no listener (OpenTelemetry's meter
/// provider) is attached, so recording costs nothing then.
/// </summary>
public static class DashboardMetrics
{
    public const string MeterName = "Dashboard";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Imports =
        Meter.CreateCounter<long>("dashboard.imports", "{import}", "Imports that ended, by outcome.");
    private static readonly Counter<long> ImportRecords =
        Meter.CreateCounter<long>("dashboard.import.records", "{record}",
            "Records read by imports that ended, by outcome.");
    private static readonly Histogram<double> ImportDuration =
        Meter.CreateHistogram<double>("dashboard.import.duration", "s", "How long an import ran, by outcome.");

    private static readonly Counter<long> Syncs = Meter.CreateCounter<long>("dashboard.syncs", "{run}",
        "Sync runs that ended, by outcome.");
    private static readonly Counter<long> SyncPlaysAdded =
        Meter.CreateCounter<long>("dashboard.sync.plays_added", "{play}", "Plays sync runs added.");

    private static readonly Counter<long> SpotifyCalls =
        Meter.CreateCounter<long>("dashboard.spotify.calls", "{call}",
            "Attempts at a Spotify call, by endpoint and status (none when no answer came).");
    private static readonly Histogram<double> SpotifyLatency =
        Meter.CreateHistogram<double>("dashboard.spotify.call.duration", "s",
            "How long Spotify took to answer, by endpoint and status.");

    private static readonly Counter<long> Reports = Meter.CreateCounter<long>("dashboard.reports", "{report}",
        "Reports that ended, by type and outcome.");

    internal static void ImportEnded(ImportStatus outcome, int recordsRead, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", Name(outcome));
        Imports.Add(1, tag);
        ImportRecords.Add(recordsRead, tag);
        ImportDuration.Record(duration.TotalSeconds, tag);
    }

    internal static void SyncEnded(SyncStatus outcome, int playsAdded)
    {
        Syncs.Add(1, new KeyValuePair<string, object?>("outcome", Name(outcome)));
        SyncPlaysAdded.Add(playsAdded);
    }

    internal static void SpotifyCalled(string endpoint, int? status, TimeSpan latency)
    {
        var tags = new TagList { { "endpoint", endpoint },
            { "status", status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none" } };
        SpotifyCalls.Add(1, tags);
        SpotifyLatency.Record(latency.TotalSeconds, tags);
    }

    internal static void ReportEnded(ReportType type, ReportStatus outcome) =>
        Reports.Add(1, new KeyValuePair<string, object?>("type", Name(type)),
            new KeyValuePair<string, object?>("outcome", Name(outcome)));

    /// <summary>An enum value as the API names it: <c>completed</c>, <c>top_lists</c>.</summary>
    private static string Name<T>(T value) where T : struct,
        Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
