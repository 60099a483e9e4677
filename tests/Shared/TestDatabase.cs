using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Tests.Shared;

/// <summary>
/// The database one test runs on. SQLite (the default) is a file in the test's data folder; PostgreSQL is a fresh
/// database cloned from a template that was migrated once, which takes milliseconds instead of a migration per test.
/// </summary>
/// <remarks>
/// Environment: <c>DASHBOARD_TEST_POSTGRES</c> is a connection string to a PostgreSQL server whose user may create
/// databases (CI starts one with <c>.ci/postgres</c>); <c>DASHBOARD_TEST_DATABASE=Postgres</c> runs the whole suite on
/// it. Tests that need PostgreSQL whatever the suite runs on are skipped, and say why, when no server is configured.
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "DASHBOARD_TEST_POSTGRES";
    public const string ProviderVariable = "DASHBOARD_TEST_DATABASE";

    /// <summary>Databases kept made ahead (see <see cref="CreatePostgresAsync"/>).</summary>
    private const int MadeAhead = 2;

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _templateName;
    private static readonly Queue<Task<string>> Ahead = new();

    private TestDatabase(DatabaseProvider provider, string? connectionString, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// The PostgreSQL database's connection string; null for SQLite, whose file the app places itself.
    /// </summary>
    public string? ConnectionString { get; }

    private string? Name { get; }

    /// <summary>The SQLite file of a database made by <see cref="CreateEmptyAsync"/>, deleted with it.</summary>
    private string? _file;

    /// <summary>
    /// The provider the suite runs on: <c>DASHBOARD_TEST_DATABASE</c>, SQLite unless it says Postgres.
    /// </summary>
    public static DatabaseProvider SuiteProvider { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "Postgres",
            StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>The app's settings for this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", Provider.ToString()),
        new("Database:ConnectionString", ConnectionString),
    ];

    /// <summary>A fresh database of the suite's provider.</summary>
    public static Task<TestDatabase> CreateAsync() =>
        SuiteProvider == DatabaseProvider.Postgres ? CreatePostgresAsync()
            : Task.FromResult(new TestDatabase(DatabaseProvider.Sqlite, null, null));

    /// <summary>A fresh PostgreSQL database; skips the test when no server is configured.</summary>
    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (SuiteProvider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    $"{ProviderVariable}=Postgres needs {ServerVariable}, a connection string to the server.");
            }
            Assert.Skip(
                $"Needs PostgreSQL: set {ServerVariable} to a server's connection string (.ci/postgres start prints " +
                "one).");
        }
        var template = await TemplateAsync(server);
        // CREATE DATABASE takes most of a second here, nearly all of it waiting: the next tests' databases are made
        // while this one runs, and a test takes one that is ready (or nearly).
        Task<string> made;
        lock (Ahead)
        {
            made = Ahead.Count > 0 ? Ahead.Dequeue() : CreateFromTemplateAsync(server, template);
            while (Ahead.Count < MadeAhead)
            {
                Ahead.Enqueue(CreateFromTemplateAsync(server, template));
            }
        }
        var name = await made;
        return new TestDatabase(DatabaseProvider.Postgres, WithDatabase(server, name), name);
    }

    /// <summary>
    /// A database with no migration applied, for tests of the migrations themselves: a file of its own on SQLite, a new
    /// empty database on PostgreSQL.
    /// </summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        if (SuiteProvider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "dashboard-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False",
                null) { _file = file };
        }
        var server = Environment.GetEnvironmentVariable(ServerVariable)!;
        var name = $"dashboard_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        return new TestDatabase(DatabaseProvider.Postgres, WithDatabase(server, name), name);
    }

    /// <summary>
    /// A context on this database (one made by <see cref="CreateEmptyAsync"/>), with the provider's migrations.
    /// </summary>
    public DashboardDbContext CreateContext() => Provider == DatabaseProvider.Postgres
        ? Context(ConnectionString!)
        : new(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseSqlite(ConnectionString,
                sqlite => sqlite.MigrationsAssembly(DataServiceCollectionExtensions.SqliteMigrationsAssembly))
            .Options);

    private static async Task<string> CreateFromTemplateAsync(string server, string template)
    {
        var name = $"dashboard_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name} TEMPLATE {template}");
        return name;
    }

    /// <summary>Drops the databases made ahead that no test took, when the test process ends.</summary>
    private static void DropUnused(string server)
    {
        lock (Ahead)
        {
            foreach (var made in Ahead)
            {
                try
                {
                    DropAsync(server, made.GetAwaiter().GetResult()).GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // The server is gone (CI stops it after the tests); so are the databases.
                }
            }
            Ahead.Clear();
        }
    }

    /// <summary>
    /// The migrated template, made once per schema: named after the last migration, built under another name and
    /// renamed when complete, with an advisory lock so the Core and Web test processes do not build it twice.
    /// </summary>
    private static async Task<string> TemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateName is not null)
            {
                return _templateName;
            }
            var lastMigration = Migrations(WithDatabase(server, "postgres")).Last();
            var name = $"dashboard_template_{lastMigration.ToLowerInvariant()}";
            name = name[..Math.Min(name.Length, 63)];
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(4242001)", admin))
            {
                await lockCommand.ExecuteNonQueryAsync();
            }
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync() is null)
            {
                var building = $"dashboard_building_{Guid.NewGuid():N}";
                await ExecuteAsync(server, $"CREATE DATABASE {building}");
                var connectionString = WithDatabase(server, building);
                await using (var db = Context(connectionString))
                {
                    await db.Database.MigrateAsync();
                }
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(server, $"ALTER DATABASE {building} RENAME TO {name}");
            }
            await using (var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(4242001)", admin))
            {
                await unlock.ExecuteNonQueryAsync();
            }
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropUnused(server);
            return _templateName = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static IEnumerable<string> Migrations(string connectionString)
    {
        using var db = Context(connectionString);
        return db.Database.GetMigrations().ToList();
    }

    private static DashboardDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseNpgsql(connectionString,
                npgsql => npgsql.MigrationsAssembly(DataServiceCollectionExtensions.PostgresMigrationsAssembly))
            .Options);

    private static string WithDatabase(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Takes a PostgreSQL database away from the app as a server that went down would: new connections are refused
    /// and the open ones, the app's pooled ones included, are ended.
    /// </summary>
    public async Task RefuseConnectionsAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable)!;
        await ExecuteAsync(server, $"ALTER DATABASE {Name} ALLOW_CONNECTIONS false");
        await ExecuteAsync(server, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}'");
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            File.Delete(_file);
        }
        if (Name is null)
        {
            return;
        }
        // The app's pool may still hold connections; FORCE ends them.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await DropAsync(Environment.GetEnvironmentVariable(ServerVariable)!, Name);
    }

    /// <summary>Drops a test database; FORCE ends the connections still open to it.</summary>
    private static Task DropAsync(string server, string name) =>
        ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
}
