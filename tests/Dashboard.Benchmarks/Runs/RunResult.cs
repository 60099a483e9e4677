using System.Text.Json.Serialization;

namespace Dashboard.Benchmarks.Runs;

[JsonConverter(typeof(JsonStringEnumConverter<ImportPath>))]
internal enum ImportPath
{
    /// <summary>Microsoft.Data.Sqlite directly: the baseline the app's import is measured against.</summary>
    Bare,

    /// <summary>The app's importer: ImportService through Core's own hosting.</summary>
    Importer,

    /// <summary>The same importer with Database:Provider=Postgres: its binary COPY path.</summary>
    ImporterPostgres,
}

internal static class ImportPaths
{
    public static string Label(this ImportPath path) => path switch
    {
        ImportPath.Bare => "bare",
        ImportPath.Importer => "importer",
        ImportPath.ImporterPostgres => "importer-pg",
        _ => path.ToString(),
    };
}

/// <summary>What one run measured, handed from the child process to the parent as JSON.</summary>
/// <param name="Seconds">Wall time of the import itself: no data generation, database creation or upload copy.</param>
/// <param name="PeakRssBytes">The child's VmHWM when the import ended.</param>
/// <param name="UploadSeconds">For the importer, the time <c>CreateAsync</c> took to store the upload.</param>
internal sealed record RunResult(
    ImportPath Path,
    double Seconds,
    int RecordsRead,
    int PlaysInserted,
    long PeakRssBytes,
    DatabaseContents Contents,
    double? UploadSeconds);
