using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Dashboard.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Dashboard.Migrations.Postgres";

    /// <summary>Registers the DbContext factory for the configured provider and the data folder.</summary>
    public static IServiceCollection AddDashboardData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required with Database:Provider 'Postgres', for example " +
                "'Host=db.example;Database=dashboard;Username=dashboard;Password=...'.")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<DataFolder>();
        services.AddSingleton<SqlitePragmas>();
        services.AddDbContextFactory<DashboardDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.Provider == DatabaseProvider.Postgres)
            {
                options.UseNpgsql(database.ConnectionString,
                    npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                return;
            }
            var connectionString = SqliteConnectionString(database, provider.GetRequiredService<DataFolder>());
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(provider.GetRequiredService<SqlitePragmas>());
        });
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    private static string SqliteConnectionString(DatabaseOptions database, DataFolder folder)
    {
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString ?? "");
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            builder.DataSource = folder.PathOf("dashboard.db");
        }
        builder.Pooling = true;
        return builder.ToString();
    }
}

/// <summary>The resolved, existing data folder.</summary>
public sealed class DataFolder
{
    public DataFolder(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        Path = System.IO.Path.GetFullPath(options.Value.DataFolder, environment.ContentRootPath);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the data folder; creates the sub-folder when <paramref name="isFolder"/>.</summary>
    public string PathOf(string relative, bool isFolder = false)
    {
        var full = System.IO.Path.Combine(Path, relative);
        if (isFolder)
        {
            Directory.CreateDirectory(full);
        }
        return full;
    }
}
