using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Shared;

/// <summary>
/// Core's real service registrations over a fresh database (a copy of the migrated SQLite template in a temporary
/// folder, or a PostgreSQL database cloned from its template when the suite runs on it), migrated like the app does at
/// start (which finds nothing left to apply), with a clock the test controls.
/// </summary>
public sealed class CoreTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDatabase _database;

    private CoreTestHost(ServiceProvider services, TestDatabase database, string folder, FakeTimeProvider clock)
    {
        _services = services;
        _database = database;
        Folder = folder;
        Clock = clock;
    }

    public string Folder { get; }
    public FakeTimeProvider Clock { get; }

    /// <param name="settings">Configuration on top of the defaults, e.g. <c>["Import:MaxZipEntries"] =
    /// "10"</c>.</param>
    /// <param name="appClock">The clock the services read, made from the test's clock; the test's clock itself by
    /// default.</param>
    public static async Task<CoreTestHost> StartAsync(DateTimeOffset now, IDictionary<string, string?>? settings = null,
        Func<FakeTimeProvider, TimeProvider>? appClock = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new FakeTimeProvider(now);
        var database = await TestDatabase.CreateAsync();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await SqliteTemplate.CopyToAsync(Path.Combine(folder, "dashboard.db"));
        }
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder })
                .AddInMemoryCollection(database.Settings)
                .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
                .Build())
            .AddSingleton<IHostEnvironment>(new HostingEnvironment
            {
                ContentRootPath = folder,
                EnvironmentName = "Testing",
                ApplicationName = "Dashboard.Core.Tests",
            })
            .AddSingleton(appClock?.Invoke(clock) ?? clock)
            .AddLogging();
        services.AddDataProtection();
        services.AddDashboardCore();
        var provider =
            services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return new CoreTestHost(provider, database, folder, clock);
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Where uploads wait for their import; empty once every import has ended.</summary>
    public string ImportsFolder => Path.Combine(Folder, "imports");

    public async Task<DashboardDbContext> DbAsync() =>
        await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    public async Task<User> AddUserAsync(string spotifyId, string timeZone = "UTC")
    {
        await using var db = await DbAsync();
        var user = new User
        {
            SpotifyId = spotifyId,
            DisplayName = spotifyId,
            TimeZone = timeZone,
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
            LastLoginAt = Clock.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS; the temp folder is cleaned eventually.
        }
    }
}
