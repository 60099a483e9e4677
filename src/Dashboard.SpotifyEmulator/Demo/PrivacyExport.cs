using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Dashboard.SpotifyEmulator.Demo;

/// <summary>
/// Writes plays as Spotify's "Extended streaming history" privacy export: a zip holding
/// <c>Spotify Extended Streaming History/Streaming_History_Audio_*.json</c> files of about 16k records
/// each (the current field set, audiobook fields included) and the PDF that explains them.
/// </summary>
public static class PrivacyExport
{
    public const string Folder = "Spotify Extended Streaming History";
    private const int RecordsPerFile = 16_000;

    public static async Task WriteZipAsync(IEnumerable<DemoPlay> plays, DemoCatalog catalog, Stream destination,
        CancellationToken cancellationToken = default)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var index = 0;
        foreach (var chunk in plays.Chunk(RecordsPerFile))
        {
            var firstYear = chunk[0].EndedAt.Year;
            var lastYear = chunk[^1].EndedAt.Year;
            var years = firstYear == lastYear ? $"{firstYear}" : $"{firstYear}-{lastYear}";
            var entry = zip.CreateEntry($"{Folder}/Streaming_History_Audio_{years}_{index++}.json",
                CompressionLevel.Fastest);
            await using var stream = await entry.OpenAsync(cancellationToken);
            await WriteJsonAsync(chunk, catalog, stream, cancellationToken);
        }

        var readme = zip.CreateEntry($"{Folder}/ReadMeFirst_ExtendedStreamingHistory.pdf", CompressionLevel.Fastest);
        await using var pdf = await readme.OpenAsync(cancellationToken);
        await pdf.WriteAsync(ReadMePdf, cancellationToken);
    }

    /// <summary>Writes one <c>Streaming_History_Audio_*.json</c> file.</summary>
    public static async Task WriteJsonAsync(IEnumerable<DemoPlay> plays, DemoCatalog catalog, Stream destination,
        CancellationToken cancellationToken = default)
    {
        await using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var play in plays)
        {
            WriteRecord(json, play, catalog);
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteRecord(Utf8JsonWriter json, DemoPlay play, DemoCatalog catalog)
    {
        var show = play.Episode is { } e ? catalog.Shows.First(s => s.Id == e.ShowId) : null;
        var podcast = show is { IsAudiobook: false } ? play.Episode : null;
        var chapter = show is { IsAudiobook: true } ? play.Episode : null;
        var album = play.Track is { } t ? catalog.AlbumOf(t) : null;

        json.WriteStartObject();
        json.WriteString("ts", play.EndedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("platform", play.Platform);
        json.WriteNumber("ms_played", play.MsPlayed);
        json.WriteString("conn_country", play.Country);
        json.WriteString("ip_addr", play.IpAddress);
        WriteNullable(json, "master_metadata_track_name", play.Track?.Name);
        WriteNullable(json, "master_metadata_album_artist_name", play.Track?.Artist.Name);
        WriteNullable(json, "master_metadata_album_album_name", album?.Name);
        WriteNullable(json, "spotify_track_uri", play.Track is { } track ? $"spotify:track:{track.Id}" : null);
        WriteNullable(json, "episode_name", podcast?.Name);
        WriteNullable(json, "episode_show_name", podcast is null ? null : show!.Name);
        WriteNullable(json, "spotify_episode_uri", podcast is null ? null : $"spotify:episode:{podcast.Id}");
        WriteNullable(json, "audiobook_title", chapter is null ? null : show!.Name);
        WriteNullable(json, "audiobook_uri", chapter is null ? null : $"spotify:audiobook:{show!.Id}");
        WriteNullable(json, "audiobook_chapter_uri", chapter is null ? null : $"spotify:chapter:{chapter.Id}");
        WriteNullable(json, "audiobook_chapter_title", chapter?.Name);
        json.WriteString("reason_start", play.ReasonStart);
        json.WriteString("reason_end", play.ReasonEnd);
        json.WriteBoolean("shuffle", play.Shuffle);
        json.WriteBoolean("skipped", play.Skipped);
        json.WriteBoolean("offline", play.Offline);
        json.WriteNumber("offline_timestamp", new DateTimeOffset(play.StartedAt, TimeSpan.Zero).ToUnixTimeSeconds());
        json.WriteBoolean("incognito_mode", play.Incognito);
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

    // A one-page PDF like the one Spotify ships beside the JSON files; importers must ignore it.
    private static readonly byte[] ReadMePdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
