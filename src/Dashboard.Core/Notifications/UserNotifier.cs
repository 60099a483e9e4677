using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Hands updates from background jobs to the pages a user has open. A singleton: pages subscribe for their
/// user and dispose the subscription when they close; a job publishes and never waits on a broken page.
/// </summary>
public abstract class UserNotifier<TUpdate>(ILogger logger)
{
    private readonly ConcurrentDictionary<Guid, (int UserId, Func<TUpdate, Task> Handler)> _subscribers = new();

    public IDisposable Subscribe(int userId, Func<TUpdate, Task> handler)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = (userId, handler);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    public virtual async Task PublishAsync(TUpdate update)
    {
        var owner = UserOf(update);
        foreach (var (_, (userId, handler)) in _subscribers)
        {
            if (userId != owner)
            {
                continue;
            }
            try
            {
                await handler(update);
            }
            catch (Exception e)
            {
                // A page that failed to render an update must not fail the job it is watching.
                logger.LogWarning(e, "A subscriber to {Update} failed", update);
            }
        }
    }

    protected abstract int UserOf(TUpdate update);

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
