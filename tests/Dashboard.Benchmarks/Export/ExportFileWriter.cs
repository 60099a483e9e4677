using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dashboard.Benchmarks.Export;

/// <summary>
/// Writes records as Spotify's "Extended streaming history" files: <c>Streaming_History_Audio_YYYY-YYYY_N.json</c>,
/// about 16,000 records each, indented, with the current field set in Spotify's order.
/// </summary>
internal static class ExportFileWriter
{
    public const int RecordsPerFile = 16_000;

    // Spotify writes non-ASCII characters as they are, not as \u escapes.
    private static readonly JsonWriterOptions Options = new() { Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the files into <paramref name="folder"/> and returns their names in order.</summary>
    public static List<string> WriteFiles(IEnumerable<HistoryRecord> records, string folder)
    {
        var names = new List<string>();
        // One file's records at a time: the whole history is never in memory.
        foreach (var chunk in records.Chunk(RecordsPerFile))
        {
            var firstYear = chunk[0].EndedAt.Year;
            var lastYear = chunk[^1].EndedAt.Year;
            var years = firstYear == lastYear ? $"{firstYear}" : $"{firstYear}-{lastYear}";
            var name = $"Streaming_History_Audio_{years}_{names.Count}.json";
            using (var stream = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write,
                FileShare.None, 1 << 16))
            {
                WriteJson(chunk, stream);
            }
            names.Add(name);
        }
        return names;
    }

    private static void WriteJson(HistoryRecord[] records, Stream destination)
    {
        using var json = new Utf8JsonWriter(destination, Options);
        json.WriteStartArray();
        foreach (var record in records)
        {
            WriteRecord(json, record);
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }
        }
        json.WriteEndArray();
    }

    private static void WriteRecord(Utf8JsonWriter json, HistoryRecord record)
    {
        var track = record.Track;
        var episode = record.Episode;
        json.WriteStartObject();
        json.WriteString("ts", record.EndedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("platform", record.Platform);
        json.WriteNumber("ms_played", record.MsPlayed);
        json.WriteString("conn_country", record.Country);
        json.WriteString("ip_addr", record.IpAddress);
        WriteNullable(json, "master_metadata_track_name", track?.Name);
        WriteNullable(json, "master_metadata_album_artist_name", track?.ArtistName);
        WriteNullable(json, "master_metadata_album_album_name", track?.AlbumName);
        WriteNullable(json, "spotify_track_uri", track is null ? null : $"spotify:track:{track.SpotifyId}");
        WriteNullable(json, "episode_name", episode?.Name);
        WriteNullable(json, "episode_show_name", episode?.ShowName);
        WriteNullable(json, "spotify_episode_uri", episode is null ? null : $"spotify:episode:{episode.SpotifyId}");
        json.WriteNull("audiobook_title");
        json.WriteNull("audiobook_uri");
        json.WriteNull("audiobook_chapter_uri");
        json.WriteNull("audiobook_chapter_title");
        json.WriteString("reason_start", record.ReasonStart);
        json.WriteString("reason_end", record.ReasonEnd);
        json.WriteBoolean("shuffle", record.Shuffle);
        json.WriteBoolean("skipped", record.Skipped);
        json.WriteBoolean("offline", record.Offline);
        json.WriteNumber("offline_timestamp", record.OfflineTimestamp);
        json.WriteBoolean("incognito_mode", record.Incognito);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
