using System.Data.Common;
using Dashboard.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Core.Imports;

/// <summary>The import's own connection, outside EF Core, tuned for writing many rows.</summary>
internal static class ImportConnection
{
    public static async Task<DbConnection> OpenAsync(DatabaseProvider provider, string connectionString,
        CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var postgres = new NpgsqlConnection(connectionString);
            await postgres.OpenAsync(cancellationToken);
            return postgres;
        }
        var sqlite = new SqliteConnection(connectionString);
        await sqlite.OpenAsync(cancellationToken);
        await using var pragma = sqlite.CreateCommand();
        // A larger page cache keeps the plays' index pages that the inserts keep coming back to, so a page goes to the
        // WAL about once instead of at every eviction: at SQLite's 2 MB default a million plays wrote four times as
        // much. 32 MB wrote nearly as little as 128 MB and was as fast, and all of it stays resident for the import.
        pragma.CommandText =
            "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return sqlite;
    }
}
