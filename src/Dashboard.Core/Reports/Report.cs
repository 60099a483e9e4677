namespace Dashboard.Core.Reports;

public enum ReportType
{
    /// <summary>One day, item by item, as a ZIP holding one JSON file.</summary>
    DailyAnalytics = 0,

    /// <summary>Every play of a range of days.</summary>
    ListeningHistory = 1,

    /// <summary>Top tracks, artists, albums and podcasts of a period.</summary>
    TopLists = 2,

    /// <summary>A designed PDF of a period: headline figures, top 10s, clock, trend, sessions, streaks.</summary>
    PeriodSummary = 3,
}

public enum ReportFormat
{
    Zip = 0,
    Csv = 1,
    Json = 2,
    Pdf = 3,
}

public enum ReportStatus
{
    Pending = 0,
    Processing = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>An asynchronous export requested by a user.</summary>
public sealed class Report
{
    /// <summary>Random, so report ids cannot be guessed.</summary>
    public Guid Id { get; set; }

    public int UserId { get; set; }
    public ReportType Type { get; set; }
    public ReportFormat Format { get; set; }

    /// <summary>JSON of the <see cref="ReportParameters"/>.</summary>
    public required string Parameters { get; set; }

    public ReportStatus Status { get; set; }
    public int? TotalRecords { get; set; }
    public long? FileSizeBytes { get; set; }

    /// <summary>Path of the file relative to the reports folder.</summary>
    public string? FilePath { get; set; }

    public string? FileName { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    public bool IsActive => Status is ReportStatus.Pending or ReportStatus.Processing;

    public ReportParameters ReadParameters() => ReportParameters.Parse(Parameters);
}
