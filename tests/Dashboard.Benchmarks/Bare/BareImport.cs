using Dashboard.Core.Listening;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Bare;

/// <summary>What a bare load read and inserted.</summary>
internal sealed record BareLoad(int Records, int Inserted);

/// <summary>
/// The baseline every import is measured against: Microsoft.Data.Sqlite directly, the files read in order on one
/// thread, one transaction per file, prepared statements reused and in-memory id maps for the catalogue.
/// </summary>
internal static class BareImport
{
    /// <summary>Connects with the pragmas the importer uses, so both pay for the same durability and checks.</summary>
    public static SqliteConnection Open(string databasePath)
    {
        var connection =
            new SqliteConnection(
                new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Loads every file for the database's only user and import (made beforehand, as the app does).</summary>
    public static BareLoad Run(SqliteConnection connection, IReadOnlyList<string> files)
    {
        var (userId, importId, zone) = ImportOwner(connection);
        using var writer = new BarePlayWriter(connection, userId, importId, zone);
        var records = 0;
        var inserted = 0;
        foreach (var file in files)
        {
            // No FileStream buffer: the reader keeps its own.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            using var transaction = connection.BeginTransaction();
            writer.Transaction = transaction;
            var reader = new BareExportReader(stream);
            while (reader.MoveNext())
            {
                records++;
                if (writer.Write(reader.Current))
                {
                    inserted++;
                }
            }
            transaction.Commit();
        }
        return new BareLoad(records, inserted);
    }

    private static (int UserId, int ImportId, TimeZoneInfo Zone) ImportOwner(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT u.id, i.id, u.time_zone FROM imports i JOIN users u ON u.id = i.user_id";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1), TimeZones.FindOrUtc(reader.GetString(2)));
    }
}
