namespace Dashboard.Core.Imports;

public enum ImportStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,

    /// <summary>The app stopped while the import was running; its transaction was rolled back.</summary>
    Interrupted = 5,

    /// <summary>
    /// The import completed, then its listener undid it: the plays it added are gone, and those it only merged with
    /// synced plays are synced plays again. It stays listed with the counts it had.
    /// </summary>
    Removed = 6,
}

/// <summary>One upload of export files and what became of it.</summary>
public sealed class Import
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public ImportStatus Status { get; set; }

    /// <summary>The uploaded files' names, one per line, as the user named them.</summary>
    public required string FileNames { get; set; }

    /// <summary>Folder holding the uploaded files until the import ends.</summary>
    public required string StoragePath { get; set; }

    public long TotalBytes { get; set; }

    /// <summary>Records in the streaming-history files, counted when they were uploaded.</summary>
    public int RecordsTotal { get; set; }

    public int RecordsRead { get; set; }
    public int Inserted { get; set; }
    public int Duplicates { get; set; }

    /// <summary>
    /// Plays already stored from API sync or account data that this import matched (same item, nearly the
    /// same time) and completed with its details instead of adding them again.
    /// </summary>
    public int Merged { get; set; }

    /// <summary>
    /// Whether what each of its merges overwrote is kept (in <c>play_merges</c>), as it is for every import since
    /// imports can be undone; an older import that merged cannot tell the plays it completed from its own.
    /// </summary>
    public bool MergesKept { get; set; } = true;

    public int Skipped { get; set; }

    /// <summary>JSON object: reason -> count of skipped records.</summary>
    public string? SkippedReasons { get; set; }

    /// <summary>Files and zip entries that were not Spotify export files, one per line.</summary>
    public string? IgnoredFiles { get; set; }

    public DateTime? FirstPlayedAt { get; set; }
    public DateTime? LastPlayedAt { get; set; }
    public string? Error { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>When the listener undid the import (<see cref="ImportStatus.Removed"/>).</summary>
    public DateTime? RemovedAt { get; set; }
}
