using Dashboard.Core.Listening;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Bare;

/// <summary>
/// Inserts a record as the importer would: the same columns and values, local date, hour and weekday in
/// the user's zone, and <c>ON CONFLICT DO NOTHING</c> on the plays' unique indexes for duplicates.
/// </summary>
internal sealed class BarePlayWriter(SqliteConnection connection, int userId, int importId, TimeZoneInfo zone)
    : IDisposable
{
    private readonly BareCatalogue _catalogue = new(connection, userId);
    private readonly Statement _insertPlay = new(connection, """
        INSERT INTO plays (user_id, played_at, ms_played, content_type, track_id, episode_id, source, import_id,
            platform, country, reason_start, reason_end, shuffle, skipped, offline, offline_at, incognito,
            context_uri, local_date, local_hour, local_weekday)
        VALUES ($user, $played_at, $ms, $type, $track, $episode, $source, $import, $platform, $country,
            $reason_start, $reason_end, $shuffle, $skipped, $offline, $offline_at, $incognito, NULL,
            $local_date, $local_hour, $local_weekday)
        ON CONFLICT DO NOTHING
        """, "$user", "$played_at", "$ms", "$type", "$track", "$episode", "$source", "$import", "$platform", "$country",
        "$reason_start", "$reason_end", "$shuffle", "$skipped", "$offline", "$offline_at", "$incognito",
        "$local_date", "$local_hour", "$local_weekday");

    public SqliteTransaction Transaction
    {
        set
        {
            _catalogue.Transaction = value;
            _insertPlay.Transaction = value;
        }
    }

    /// <summary>True when the play was inserted; false for a duplicate or a record that names no item.</summary>
    public bool Write(BareRecord record)
    {
        int? trackId = null;
        int? episodeId = null;
        ContentType type;
        if (record.TrackUri is not null)
        {
            trackId = _catalogue.TrackId(record);
            type = ContentType.Music;
        }
        else if (record.EpisodeUri is not null)
        {
            episodeId = _catalogue.EpisodeId(record);
            type = ContentType.Podcast;
        }
        else
        {
            return false;
        }

        var playedAt = record.PlayedAt!.Value;
        var local = LocalTime.Of(playedAt, zone);
        // The generator writes offline_timestamp in seconds, as current exports do; 0 means none.
        DateTime? offlineAt = record.OfflineTimestamp is > 0 and var seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime : null;
        return _insertPlay.Execute(
            userId, playedAt, (int)record.MsPlayed, (int)type, trackId, episodeId, (int)PlaySource.ExtendedHistory,
            importId,
            record.Platform, record.Country, record.ReasonStart, record.ReasonEnd, record.Shuffle, record.Skipped,
            record.Offline,
            offlineAt, record.Incognito, local.Date, local.Hour, local.Weekday) == 1;
    }

    public void Dispose()
    {
        _catalogue.Dispose();
        _insertPlay.Dispose();
    }
}
