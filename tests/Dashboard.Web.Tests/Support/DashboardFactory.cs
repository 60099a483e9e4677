using System.Globalization;
using Dashboard.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The app in-process (TestServer) in demo mode, with a data folder and a database of its own: a copy of the migrated
/// SQLite template in the data folder, or a PostgreSQL database cloned from its template when the suite runs on
/// PostgreSQL.
/// </summary>
/// <param name="dataFolder">An existing data folder, to start the app again on what an earlier instance left.</param>
/// <param name="keepData">Leave the data folder and the database when disposed, for a later instance to start
/// on.</param>
/// <param name="database">An earlier instance's database (with its data folder), to start again on.</param>
public sealed class DashboardFactory(string? dataFolder = null, bool keepData = false, TestDatabase? database = null)
    : WebApplicationFactory<Program>
{
    private TestDatabase? _database = database;

    public string DataFolder { get; } = dataFolder
        ?? Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataFolder, "dashboard.db");

    /// <summary>The app's database; made when the app starts.</summary>
    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started yet.");

    /// <summary>The days of demo history a sign-in imports here.</summary>
    public const int DemoHistoryDays = 60;

    /// <summary>
    /// The clock the app and its emulator read; the system's unless a test sets one before the app starts.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Settings over the app's own, e.g. <c>RateLimit:PermitLimit</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Service replacements a test needs, applied after the app's own registrations.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>The host environment; "Testing" unless a test needs the app as it runs elsewhere.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>
    /// Turns demo mode on as an operator does outside Development (<c>Spotify:Demo=true</c>); false leaves the
    /// setting out. Defaults to true.
    /// </summary>
    public bool DemoMode { get; init; } = true;

    /// <summary>
    /// Starts the app on an empty database, which it migrates itself as a new installation does, instead of a copy of
    /// the migrated template. Defaults to false.
    /// </summary>
    public bool StartsOnEmptyDatabase { get; init; }

    /// <summary>What the app logged, at information and above.</summary>
    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Storage:DataFolder", DataFolder);
        builder.UseSetting("Spotify:ClientId", "");
        if (DemoMode)
        {
            builder.UseSetting("Spotify:Demo", "true");
        }
        foreach (var (key, value) in TestKeyEncryption.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        // Called once, synchronously, when the app starts: the database is made here so a test never pays for one
        // it does not start.
        _database ??= NewDatabaseAsync().GetAwaiter().GetResult();
        foreach (var (key, value) in _database.Settings)
        {
            builder.UseSetting(key, value);
        }
        // Signing in as the demo listener imports their history: sixty days of it (some 2,000 plays) hold every kind of
        // figure the endpoints give, and import in a fraction of the time of the default three years.
        builder.UseSetting("Spotify:Emulator:HistoryDays", DemoHistoryDays.ToString(CultureInfo.InvariantCulture));
        // Tests poll and loop over endpoints as one user; the rate limit's own tests set a small limit.
        builder.UseSetting("RateLimit:PermitLimit", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>
    /// The database of a first start: on SQLite the template copied to where the app looks for its file (unless an
    /// earlier instance left one there), on PostgreSQL a clone of the template; or an empty one.
    /// </summary>
    private async Task<TestDatabase> NewDatabaseAsync()
    {
        if (TestDatabase.SuiteProvider == DatabaseProvider.Postgres)
        {
            return StartsOnEmptyDatabase ? await TestDatabase.CreateEmptyAsync() : await TestDatabase.CreateAsync();
        }
        if (!StartsOnEmptyDatabase && !File.Exists(DatabasePath))
        {
            await SqliteTemplate.CopyToAsync(DatabasePath);
        }
        return await TestDatabase.CreateAsync();
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (keepData)
        {
            return;
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of the temp folder.
        }
    }
}
