using Npgsql;

namespace Dashboard.Benchmarks.Runs;

/// <summary>
/// A PostgreSQL database made for one run and dropped after it; the importer's host migrates it like the app.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private BenchmarkDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", "Postgres"),
        new("Database:ConnectionString", ConnectionString),
    ];

    public static async Task<BenchmarkDatabase> CreateAsync(string server)
    {
        var database = new BenchmarkDatabase(server, $"dashboard_bench_{Guid.NewGuid():N}");
        await database.ExecuteAsync($"CREATE DATABASE {database._name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
