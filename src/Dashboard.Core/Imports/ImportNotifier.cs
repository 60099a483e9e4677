using System.Collections.Concurrent;
using Dashboard.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Imports;

/// <summary>A snapshot of a running import, pushed to open pages.</summary>
public sealed record ImportProgress(
    int ImportId,
    int UserId,
    ImportStatus Status,
    string? CurrentFile,
    int RecordsTotal,
    int RecordsRead,
    int Inserted,
    int Duplicates,
    int Merged,
    int Skipped,
    double RecordsPerSecond)
{
    public double Fraction => RecordsTotal > 0 ? Math.Clamp((double)RecordsRead / RecordsTotal, 0, 1) : 0;

    /// <summary>Time left at the current rate, once there is a rate to go by.</summary>
    public TimeSpan? Eta => RecordsPerSecond > 0 && RecordsRead > 0 && RecordsRead < RecordsTotal
        ? TimeSpan.FromSeconds((RecordsTotal - RecordsRead) / RecordsPerSecond)
        : null;
}

/// <summary>
/// Hands import progress from the background job to open pages, and remembers where running imports are, also those
/// running on another instance.
/// </summary>
public sealed class ImportNotifier(ILogger<ImportNotifier> logger, ClusterChannel cluster)
    : UserNotifier<ImportProgress>(logger, cluster)
{
    private readonly ConcurrentDictionary<int, ImportProgress> _running = new();

    /// <summary>The last progress of an import that is running now; null otherwise.</summary>
    public ImportProgress? Running(int importId) => _running.GetValueOrDefault(importId);

    protected override Task DeliverAsync(ImportProgress progress)
    {
        if (progress.Status == ImportStatus.Running)
        {
            _running[progress.ImportId] = progress;
        }
        else
        {
            _running.TryRemove(progress.ImportId, out _);
        }
        return base.DeliverAsync(progress);
    }

    protected override int UserOf(ImportProgress update) => update.UserId;
}
