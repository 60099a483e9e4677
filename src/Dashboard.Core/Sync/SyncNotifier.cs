using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Sync;

/// <summary>A sync run changed: a step started or ended, or the run ended.</summary>
public sealed record SyncUpdate(long RunId, int UserId, SyncStatus Status, string? Step);

/// <summary>Hands sync progress from the job to open pages (the Jobs page), per user.</summary>
public sealed class SyncNotifier(ILogger<SyncNotifier> logger)
{
    private readonly ConcurrentDictionary<Guid, (int UserId, Func<SyncUpdate, Task> Handler)> _subscribers = new();

    public IDisposable Subscribe(int userId, Func<SyncUpdate, Task> handler)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = (userId, handler);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    public async Task PublishAsync(SyncUpdate update)
    {
        foreach (var (_, (userId, handler)) in _subscribers)
        {
            if (userId != update.UserId)
            {
                continue;
            }
            try
            {
                await handler(update);
            }
            catch (Exception e)
            {
                // A page that failed to render an update must not fail the sync it is watching.
                logger.LogWarning(e, "A subscriber to sync run {RunId} failed", update.RunId);
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
