using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Data;
using Dashboard.Core.Spotify;
using Dashboard.SpotifyEmulator;

namespace Dashboard.Web.Demo;

/// <summary>
/// Demo mode: runs the Spotify emulator in-process on a loopback port and points the Spotify options at it.
/// Everything else takes the real code path. Every visitor signs in to the same demo account, so outside
/// Development it runs only when asked for (<c>Spotify:Demo=true</c>); in Development it also runs when no
/// Spotify app is configured.
/// </summary>
public sealed class DemoSpotify : IHostedService, IAsyncDisposable
{
    public const string ClientId = "dashboard-demo";
    public const string ClientSecret = "dashboard-demo-secret";

    /// <summary>
    /// The file in the data folder that keeps the emulator's port from one start to the next: the pictures the
    /// dashboard stores in demo mode are the emulator's URLs, port included.
    /// </summary>
    public const string PortFile = "demo-emulator-port";

    private readonly TimeProvider _clock;
    private readonly ILogger<DemoSpotify> _logger;
    private SpotifyEmulatorServer? _emulator;

    public DemoSpotify(IConfiguration configuration, IHostEnvironment environment, DataFolder dataFolder,
        TimeProvider clock,
        ILogger<DemoSpotify> logger)
    {
        _clock = clock;
        _logger = logger;
        var spotify = configuration.GetSection(SpotifyOptions.SectionName);
        HasSpotifyApp = !string.IsNullOrWhiteSpace(spotify[nameof(SpotifyOptions.ClientId)]);
        IsEnabled = spotify.GetValue<bool?>("Demo") ?? (environment.IsDevelopment() && !HasSpotifyApp);
        if (IsEnabled)
        {
            // Chosen now, not when the emulator starts, because the Spotify options need the address first.
            Port = spotify.GetValue<int?>("Emulator:Port") is { } port and > 0 ? port
                : KeptPort(dataFolder.PathOf(PortFile));
        }
        HistoryDays = spotify.GetValue("Emulator:HistoryDays", new EmulatorSettings().HistoryDays);
    }

    public bool IsEnabled { get; }

    /// <summary>
    /// Whether a Spotify app is configured (<c>Spotify:ClientId</c>), which demo mode cannot go with.
    /// </summary>
    public bool HasSpotifyApp { get; }

    public int Port { get; }

    /// <summary>How many days of listening the emulator generates for its demo listener.</summary>
    public int HistoryDays { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The running emulator; only in demo mode, after start.</summary>
    public SpotifyEmulatorServer Emulator => _emulator
        ?? throw new InvalidOperationException("The Spotify emulator is not running.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return;
        }
        _emulator = await SpotifyEmulatorServer.StartAsync(new EmulatorSettings
        {
            Port = Port,
            HistoryDays = HistoryDays,
            Clock = _clock,
            Clients =
                [new EmulatedClient(ClientId, ClientSecret, "Dashboard (demo)", [], AllowAnyLoopbackRedirect: true)],
        }, cancellationToken);
        _logger.LogWarning(
            "Demo mode: the Spotify emulator at {Url} stands in for Spotify, and every visitor signs in to its one " +
                           "demo account. Its listening history is generated.", BaseUrl);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// The port kept in <paramref name="file"/>, or a free one that is kept there from now on. When the kept port is
    /// taken, a free one serves this run only: the stored pictures point at the kept one.
    /// </summary>
    private int KeptPort(string file)
    {
        if (File.Exists(file)
            && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture,
                out var kept)
            && kept is > 0 and <= IPEndPoint.MaxPort)
        {
            if (IsFree(kept))
            {
                return kept;
            }
            var elsewhere = FreeLoopbackPort();
            _logger.LogWarning(
                "The demo Spotify emulator's port {KeptPort} (kept in {File}) is taken, so it listens on {Port} for " +
                               "this run; pictures stored from it will not show until a later start finds {KeptPort} " +
                               "free again.",
                kept, file, elsewhere, kept);
            return elsewhere;
        }
        var port = FreeLoopbackPort();
        File.WriteAllText(file, port.ToString(CultureInfo.InvariantCulture));
        return port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
