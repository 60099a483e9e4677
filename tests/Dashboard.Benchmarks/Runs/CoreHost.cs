using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks.Runs;

/// <summary>
/// Core as the app hosts it (its real registrations, migrated at start) over a data folder of its own,
/// like the tests' CoreTestHost, on the system clock unless given one.
/// </summary>
internal sealed class CoreHost : IAsyncDisposable
{
    /// <summary>The Spotify id of the user <see cref="AddUserAsync"/> adds.</summary>
    public const string BenchmarkSpotifyId = "benchmark";

    private readonly ServiceProvider _services;

    private CoreHost(ServiceProvider services) => _services = services;

    /// <param name="database">The Database section for a server database; null for SQLite in the data folder.</param>
    /// <param name="clock">The clock Core reads; the system's when null.</param>
    public static async Task<CoreHost> StartAsync(string dataFolder,
        IEnumerable<KeyValuePair<string, string?>>? database = null,
        TimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = dataFolder,
            // The upload limit is the administrator's to set; a large benchmark should not trip it.
            ["Import:MaxUploadBytes"] = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings)
                .AddInMemoryCollection(database ?? []).Build())
            .AddSingleton<IHostEnvironment>(new HostingEnvironment
            {
                ContentRootPath = dataFolder,
                EnvironmentName = Environments.Production,
                ApplicationName = "Dashboard.Benchmarks",
            })
            .AddLogging(logging => logging
                .AddSimpleConsole(console => console.SingleLine = true)
                .SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Dashboard.Core.Imports", LogLevel.Information));
        services.AddDataProtection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddDashboardCore();
        var provider =
            services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return new CoreHost(provider);
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async Task<DashboardDbContext> DbAsync() =>
        await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    public async Task<int> AddUserAsync(string timeZone)
    {
        await using var db = await DbAsync();
        var user = new User
        {
            SpotifyId = BenchmarkSpotifyId,
            DisplayName = "Benchmark listener",
            TimeZone = timeZone,
            CreatedAt = DateTime.UtcNow,
            LastLoginAt = DateTime.UtcNow,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        // Closes the pooled connections, so the database file can be copied or deleted.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
