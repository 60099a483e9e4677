using System.Net;
using Dashboard.SpotifyEmulator;
using Dashboard.Web.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.E2E.Support;

/// <summary>
/// The real app on real Kestrel (loopback, any free port), in demo mode, with its own data folder and a fresh database
/// of the suite's provider.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "dashboard-e2e",
        Guid.NewGuid().ToString("N"));
    private readonly TestDatabase _database;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="database">The database the app runs on; disposed with the app.</param>
    /// <param name="clock">The clock the app and its emulator read.</param>
    /// <param name="settings">Configuration over the defaults, e.g. <c>["Sync:Interval"] = "1.00:00:00"</c>.</param>
    public AppServer(TestDatabase database, TimeProvider clock, IReadOnlyDictionary<string, string> settings)
    {
        _database = database;
        _clock = clock;
        _settings = settings;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>Where the browser reaches the app, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The errors the app logged.</summary>
    public ServerLog Log { get; } = new();

    /// <summary>The demo mode's Spotify emulator, which the app signs in with and syncs from.</summary>
    public SpotifyEmulatorServer Emulator => Services.GetRequiredService<DemoSpotify>().Emulator;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataFolder", _dataFolder);
        builder.UseSetting("Spotify:ClientId", "");
        // A page error from a call the browser made into .NET then says what .NET threw, not only that it threw.
        builder.UseSetting("DetailedErrors", "true");
        foreach (var (key, value) in _database.Settings)
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(_clock);
            // The app waits for running jobs when it stops (a sync riding out Spotify's Retry-After, say), up to the
            // host's 30 s; the run is over by then and its database is thrown away, so it waits no longer than this.
            services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of the temp folder.
        }
    }
}
