using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Core.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Carries messages to the app's other instances. On PostgreSQL several instances may share the database, and what a
/// job does on one (an import's progress, a report's status) must reach the pages open on the others, as must a
/// cancel sent to an import that runs elsewhere: messages go out with PostgreSQL's NOTIFY and come in through
/// <see cref="ClusterReceiver"/>. On SQLite there is one instance and nothing to carry.
/// </summary>
public sealed class ClusterChannel(IOptions<DatabaseOptions> database, ILogger<ClusterChannel> logger)
{
    /// <summary>PostgreSQL's channel (LISTEN/NOTIFY) the instances talk on.</summary>
    public const string PostgresChannel = "dashboard_cluster";

    // NOTIFY refuses payloads of 8,000 bytes and more; every message here is far smaller.
    private const int MaxPayloadBytes = 7_900;

    private readonly ConcurrentDictionary<Guid, (string Topic, Func<string, Task> Receive)> _receivers = new();

    /// <summary>Tells this instance's messages from the others' when they come back on the shared channel.</summary>
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public bool Enabled => database.Value.Provider == DatabaseProvider.Postgres;

    internal string ConnectionString => database.Value.ConnectionString!;

    /// <summary>
    /// Calls <paramref name="receive"/> with the body of every message on <paramref name="topic"/> from another
    /// instance.
    /// </summary>
    public IDisposable Receive(string topic, Func<string, Task> receive)
    {
        var id = Guid.NewGuid();
        _receivers[id] = (topic, receive);
        return new Registration(() => _receivers.TryRemove(id, out _));
    }

    /// <summary>
    /// Sends a message to the other instances. Best effort, like the live updates it carries: a failure is logged,
    /// never thrown at the job that sent it.
    /// </summary>
    public async Task SendToOthersAsync(string topic, string body)
    {
        if (!Enabled)
        {
            return;
        }
        var payload = JsonSerializer.Serialize(new Message(_instance, topic, body));
        if (System.Text.Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
        {
            logger.LogWarning("A {Topic} message of {Length} characters is too long for the other instances; not sent",
                topic, payload.Length);
            return;
        }
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            notify.Parameters.AddWithValue("channel", PostgresChannel);
            notify.Parameters.AddWithValue("payload", payload);
            await notify.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "A {Topic} message could not be sent to the other instances", topic);
        }
    }

    /// <summary>Hands a payload from the shared channel to this instance's receivers of its topic.</summary>
    internal async Task DeliverAsync(string payload)
    {
        Message? message;
        try
        {
            message = JsonSerializer.Deserialize<Message>(payload);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "A message on the cluster channel was not understood");
            return;
        }
        if (message is null || message.Instance == _instance)
        {
            return;
        }
        foreach (var (_, (topic, receive)) in _receivers)
        {
            if (topic != message.Topic)
            {
                continue;
            }
            try
            {
                await receive(message.Body);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A receiver of {Topic} failed", topic);
            }
        }
    }

    private sealed record Message(string Instance, string Topic, string Body);

    private sealed class Registration(Action dispose) : IDisposable
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
