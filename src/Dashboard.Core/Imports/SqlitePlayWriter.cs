using Dashboard.Core.Listening;
using Microsoft.Data.Sqlite;

namespace Dashboard.Core.Imports;

/// <summary>
/// SQLite's fast path: one prepared INSERT reused for every play, in-process, so a row costs no round trip.
/// The unique indexes turn a duplicate into a no-op the row count reports.
/// </summary>
internal sealed class SqlitePlayWriter : PlayWriter
{
    private readonly System.Data.Common.DbCommand _insertPlay;

    public SqlitePlayWriter(SqliteConnection connection, SqliteTransaction transaction, int userId, int importId,
        TimeZoneInfo zone, PlayCountRule rule, PlayCounts counts)
        : base(connection, transaction, userId, importId, zone, rule, counts)
    {
        _insertPlay = Prepare($"""
            INSERT INTO plays ({PlayColumns})
            VALUES (@user, @played_at, @ms, @counted, @type, @track, @episode, @source, @import, @platform, @country,
                @reason_start, @reason_end, @shuffle, @skipped, @offline, @offline_at, @incognito,
                @local_date, @local_hour, @local_weekday)
            ON CONFLICT DO NOTHING
            """);
        _insertPlay.Parameters["@user"].Value = userId;
    }

    protected override bool PreparesCommands => true;

    protected override void InsertPlay(PlayRow row)
    {
        Bind(_insertPlay, row);
        if (_insertPlay.ExecuteNonQuery() != 1)
        {
            Counts.Duplicates++;
            return;
        }
        Counts.Inserted++;
        Changed(row.Local.Date);
    }

    public override void FlushPlays()
    {
        // Every play is in the table as soon as it is written.
    }
}
