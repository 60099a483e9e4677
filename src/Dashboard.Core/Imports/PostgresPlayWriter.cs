using Dashboard.Core.Listening;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Core.Imports;

/// <summary>
/// PostgreSQL's fast path: new plays gather in memory and go in by the batch, with a binary COPY into a
/// temporary table and one INSERT ... SELECT that leaves duplicates to the unique indexes. A row inserted one
/// statement at a time would cost a round trip to the server each.
/// </summary>
internal sealed class PostgresPlayWriter : PlayWriter
{
    /// <summary>Plays per COPY: large enough to amortize the statements, small enough to keep memory flat.</summary>
    private const int BatchSize = 10_000;

    private readonly List<PlayRow> _pending = new(BatchSize);
    private bool _stagingCreated;

    public PostgresPlayWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, int userId, int importId,
        TimeZoneInfo zone, PlayCountRule rule, PlayCounts counts)
        : base(connection, transaction, userId, importId, zone, rule, counts)
    {
    }

    protected override bool PreparesCommands => false;

    protected override void InsertPlay(PlayRow row)
    {
        _pending.Add(row);
        if (_pending.Count >= BatchSize)
        {
            FlushPlays();
        }
    }

    public override void FlushPlays()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var connection = (NpgsqlConnection)Connection;
        if (!_stagingCreated)
        {
            // The staging table takes its column types from plays, so COPY writes exactly what the INSERT reads.
            Execute($"CREATE TEMPORARY TABLE play_staging ON COMMIT DROP AS SELECT 0 AS seq, {PlayColumns} " +
                "FROM plays WITH NO DATA");
            _stagingCreated = true;
        }
        using (var copy =
            connection.BeginBinaryImport($"COPY play_staging (seq, {PlayColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var seq = 0; seq < _pending.Count; seq++)
            {
                WriteRow(copy, seq, _pending[seq]);
            }
            copy.Complete();
        }
        // In the export's order, so of two records of the same play the first one stays, as on SQLite.
        using (var insert = Command($"""
                   INSERT INTO plays ({PlayColumns})
                   SELECT {PlayColumns} FROM play_staging ORDER BY seq
                   ON CONFLICT DO NOTHING
                   RETURNING local_date
                   """, []))
        using (var inserted = insert.ExecuteReader())
        {
            var count = 0;
            while (inserted.Read())
            {
                Changed(inserted.GetFieldValue<DateOnly>(0));
                count++;
            }
            Counts.Inserted += count;
            Counts.Duplicates += _pending.Count - count;
        }
        Execute("TRUNCATE play_staging");
        _pending.Clear();
    }

    private static void WriteRow(NpgsqlBinaryImporter copy, int seq, PlayRow row)
    {
        var play = row.Play;
        copy.StartRow();
        copy.Write(seq, NpgsqlDbType.Integer);
        copy.Write(row.UserId, NpgsqlDbType.Integer);
        copy.Write(play.PlayedAt, NpgsqlDbType.TimestampTz);
        copy.Write(play.MsPlayed, NpgsqlDbType.Integer);
        copy.Write(row.Counted, NpgsqlDbType.Boolean);
        copy.Write((int)play.ContentType, NpgsqlDbType.Integer);
        WriteNullable(copy, row.TrackId, NpgsqlDbType.Integer);
        WriteNullable(copy, row.EpisodeId, NpgsqlDbType.Integer);
        copy.Write((int)row.Source, NpgsqlDbType.Integer);
        copy.Write(row.ImportId, NpgsqlDbType.Integer);
        WriteNullable(copy, play.Platform, NpgsqlDbType.Text);
        WriteNullable(copy, play.Country, NpgsqlDbType.Text);
        WriteNullable(copy, play.ReasonStart, NpgsqlDbType.Text);
        WriteNullable(copy, play.ReasonEnd, NpgsqlDbType.Text);
        WriteNullable(copy, play.Shuffle, NpgsqlDbType.Boolean);
        WriteNullable(copy, play.Skipped, NpgsqlDbType.Boolean);
        WriteNullable(copy, play.Offline, NpgsqlDbType.Boolean);
        WriteNullable(copy, play.OfflineAt, NpgsqlDbType.TimestampTz);
        WriteNullable(copy, play.Incognito, NpgsqlDbType.Boolean);
        copy.Write(row.Local.Date, NpgsqlDbType.Date);
        copy.Write((short)row.Local.Hour, NpgsqlDbType.Smallint);
        copy.Write((short)row.Local.Weekday, NpgsqlDbType.Smallint);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    private void Execute(string sql)
    {
        using var command = Command(sql, []);
        command.ExecuteNonQuery();
    }
}
