using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Hands updates from background jobs to the pages a user has open, on this instance and, through the
/// <see cref="ClusterChannel"/>, on the others. A singleton: pages subscribe for their user and dispose the
/// subscription when they close; a job publishes and never waits on a broken page.
/// </summary>
public abstract class UserNotifier<TUpdate>
{
    private readonly ConcurrentDictionary<Guid, (int UserId, Func<TUpdate, Task> Handler)> _subscribers = new();
    private readonly ILogger _logger;
    private readonly ClusterChannel _cluster;

    protected UserNotifier(ILogger logger, ClusterChannel cluster)
    {
        _logger = logger;
        _cluster = cluster;
        // Lives as long as the notifier, which is the app's.
        cluster.Receive(Topic, body => DeliverAsync(JsonSerializer.Deserialize<TUpdate>(body)!));
    }

    private static string Topic => typeof(TUpdate).Name;

    public IDisposable Subscribe(int userId, Func<TUpdate, Task> handler)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = (userId, handler);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    /// <summary>Hands an update of a job on this instance to the pages open here and on the other instances.</summary>
    public async Task PublishAsync(TUpdate update)
    {
        await DeliverAsync(update);
        await _cluster.SendToOthersAsync(Topic, JsonSerializer.Serialize(update));
    }

    /// <summary>Hands an update to the pages open on this instance.</summary>
    protected virtual async Task DeliverAsync(TUpdate update)
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
                _logger.LogWarning(e, "A subscriber to {Update} failed", update);
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
