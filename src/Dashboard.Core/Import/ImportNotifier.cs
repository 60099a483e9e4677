using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Import;

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
/// Hands import progress from the background job to whoever is watching. A singleton: pages subscribe for
/// their user and dispose the subscription when they close.
/// </summary>
public sealed class ImportNotifier(ILogger<ImportNotifier> logger)
{
    private readonly ConcurrentDictionary<Guid, (int UserId, Func<ImportProgress, Task> Handler)> _subscribers = new();
    private readonly ConcurrentDictionary<int, ImportProgress> _running = new();

    /// <summary>The last progress of an import that is running now; null otherwise.</summary>
    public ImportProgress? Running(int importId) => _running.GetValueOrDefault(importId);

    public IDisposable Subscribe(int userId, Func<ImportProgress, Task> handler)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = (userId, handler);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    public async Task PublishAsync(ImportProgress progress)
    {
        if (progress.Status == ImportStatus.Running)
        {
            _running[progress.ImportId] = progress;
        }
        else
        {
            _running.TryRemove(progress.ImportId, out _);
        }

        foreach (var (_, (userId, handler)) in _subscribers)
        {
            if (userId != progress.UserId)
            {
                continue;
            }
            try
            {
                await handler(progress);
            }
            catch (Exception e)
            {
                // A page that failed to render an update must not fail the import it is watching.
                logger.LogWarning(e, "A subscriber to import {ImportId} failed", progress.ImportId);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
