namespace Dashboard.Core.Sync;

public enum SyncTrigger
{
    Scheduled = 0,
    Manual = 1,

    /// <summary>Right after a user's first sign-in.</summary>
    SignIn = 2,
}

public enum SyncStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,

    /// <summary>Spotify asked us to wait longer than we hold a thread for; the run continues later.</summary>
    Rescheduled = 4,
}

/// <summary>One run of the sync pipeline for one user.</summary>
public sealed class SyncRun
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public SyncTrigger Trigger { get; set; }
    public SyncStatus Status { get; set; }
    public int ItemsSynced { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public List<SyncStep> Steps { get; set; } = [];
}

/// <summary>One step of a sync run (recently played, enrichment, library, top items, rollups).</summary>
public sealed class SyncStep
{
    public long Id { get; set; }
    public long SyncRunId { get; set; }
    public required string Name { get; set; }
    public SyncStatus Status { get; set; }
    public int ItemsProcessed { get; set; }
    public string? Details { get; set; }
    public string? Error { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
