using System.Text.Json;

namespace Dashboard.Core.Imports;

/// <summary>A file as it arrives in an upload.</summary>
public sealed record IncomingFile(string Name, Stream Content);

/// <summary>An import as the pages and the API show it.</summary>
public sealed record ImportSummary(
    int Id,
    ImportStatus Status,
    IReadOnlyList<string> Files,
    long TotalBytes,
    int RecordsTotal,
    int RecordsRead,
    int Inserted,
    int Duplicates,
    int Merged,
    int Skipped,
    IReadOnlyDictionary<string, int> SkippedReasons,
    IReadOnlyList<string> IgnoredFiles,
    DateTime? FirstPlayedAt,
    DateTime? LastPlayedAt,
    string? Error,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    DateTime? RemovedAt = null)
{
    public bool IsActive => Status is ImportStatus.Pending or ImportStatus.Running;

    /// <summary>An import as it is stored, as the pages and the API show it.</summary>
    public static ImportSummary Of(Import import) => new(
        import.Id,
        import.Status,
        import.FileNames.Split('\n'),
        import.TotalBytes,
        import.RecordsTotal,
        import.RecordsRead,
        import.Inserted,
        import.Duplicates,
        import.Merged,
        import.Skipped,
        import.SkippedReasons is { } reasons ? JsonSerializer.Deserialize<Dictionary<string, int>>(reasons)! : [],
        import.IgnoredFiles?.Split('\n') ?? [],
        import.FirstPlayedAt,
        import.LastPlayedAt,
        import.Error,
        import.CreatedAt,
        import.StartedAt,
        import.CompletedAt,
        import.RemovedAt);
}

/// <summary>What became of a request to cancel an import.</summary>
public enum CancelOutcome
{
    /// <summary>It had not started; it never will.</summary>
    Cancelled,

    /// <summary>It is running: the job must be interrupted, and it rolls back.</summary>
    Running,

    /// <summary>It had already ended.</summary>
    AlreadyEnded,

    NotFound,
}
