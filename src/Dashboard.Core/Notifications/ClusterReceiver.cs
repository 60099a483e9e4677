using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Listens on PostgreSQL's channel for the other instances' messages (<see cref="ClusterChannel"/>) and hands them
/// on in the order they came. A lost connection is opened again; what was sent meanwhile is lost, as live updates
/// may be: the next one, or the page's next read of the database, catches up.
/// </summary>
public sealed class ClusterReceiver(ClusterChannel channel, ILogger<ClusterReceiver> logger) : BackgroundService
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!channel.Enabled)
        {
            return;
        }
        // Npgsql raises notifications on the connection's reading thread; they are handed on from another, so a
        // slow receiver never holds up the connection.
        var received = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var delivering = Task.Run(async () =>
        {
            await foreach (var payload in received.Reader.ReadAllAsync(stoppingToken))
            {
                await channel.DeliverAsync(payload);
            }
        }, stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keepalives find a connection that died quietly (a restarted server, a dropped network).
                var connectionString = new NpgsqlConnectionStringBuilder(channel.ConnectionString) { KeepAlive = 30,
                    Pooling = false };
                await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => received.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ClusterChannel.PostgresChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                logger.LogWarning(e, "Listening to the other instances failed; trying again in {Delay}", Reconnect);
                await Task.Delay(Reconnect, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        received.Writer.TryComplete();
        await delivering.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
