using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Runs;

/// <summary>
/// What a run left in its database: row counts and a digest of every play with its catalogue names and
/// Spotify ids (not row ids). Equal contents mean both paths inserted the same rows.
/// </summary>
internal sealed record DatabaseContents(
    long Plays, long Tracks, long Artists, long Albums, long TrackArtists, long Shows, long Episodes,
    string PlaysDigest)
{
    private const string EveryPlay = """
        SELECT p.user_id, p.played_at, p.ms_played, p.content_type, t.spotify_id, t.name, ar.name, al.name,
            e.spotify_id,
            e.name, s.name, p.source, p.import_id, p.platform, p.country, p.reason_start, p.reason_end, p.shuffle,
            p.skipped, p.offline, p.offline_at, p.incognito, p.context_uri, p.local_date, p.local_hour, p.local_weekday
        FROM plays p
        LEFT JOIN tracks t ON t.id = p.track_id
        LEFT JOIN artists ar ON ar.id = t.primary_artist_id
        LEFT JOIN albums al ON al.id = t.album_id
        LEFT JOIN episodes e ON e.id = p.episode_id
        LEFT JOIN shows s ON s.id = e.show_id
        ORDER BY p.played_at, t.spotify_id, e.spotify_id
        """;

    public static DatabaseContents Read(string databasePath)
    {
        using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly,
            Pooling = false }.ToString());
        connection.Open();
        return new DatabaseContents(
            Count(connection, "plays"), Count(connection, "tracks"), Count(connection, "artists"),
            Count(connection, "albums"),
            Count(connection, "track_artists"), Count(connection, "shows"), Count(connection, "episodes"),
            DigestOfPlays(connection));
    }

    /// <summary>
    /// The same on PostgreSQL; its digest only compares with other PostgreSQL runs (values print differently).
    /// </summary>
    public static DatabaseContents ReadPostgres(string connectionString)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        return new DatabaseContents(
            Count(connection, "plays"), Count(connection, "tracks"), Count(connection, "artists"),
            Count(connection, "albums"),
            Count(connection, "track_artists"), Count(connection, "shows"), Count(connection, "episodes"),
            DigestOfPlays(connection));
    }

    private static long Count(System.Data.Common.DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private static string DigestOfPlays(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = EveryPlay;
        using var reader = command.ExecuteReader();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var row = new StringBuilder();
        while (reader.Read())
        {
            row.Clear();
            for (var column = 0; column < reader.FieldCount; column++)
            {
                // The stored text, as SQLite gives it: types and formats must match too, not only values.
                row.Append(reader.IsDBNull(column) ? "\u2400" : Text(reader, column)).Append('\u001f');
            }
            hash.AppendData(Encoding.UTF8.GetBytes(row.ToString()));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>SQLite's stored text as it is; PostgreSQL's typed values printed invariantly.</summary>
    private static string Text(System.Data.Common.DbDataReader reader, int column) =>
        reader is SqliteDataReader ? reader.GetString(column)
            : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture)!;
}
