using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Dashboard.Web.Tests.Hostile;

/// <summary>
/// Export files as a hostile or careless client makes them: records with any field replaced by raw JSON or left out,
/// zips that lie, bombs that stay under one limit to hit another, and whitespace by the hundred megabytes.
/// </summary>
public static class HostileUploadFiles
{
    /// <summary>Marks a field to leave out of a record.</summary>
    public const string Missing = "<missing>";

    public const string ExtendedName = "Streaming_History_Audio_2024.json";

    /// <summary>
    /// An extended-history track play at <paramref name="ts"/>; <paramref name="fields"/> are raw JSON values.
    /// </summary>
    public static string Extended(string ts, params (string Field, string Json)[] fields) => Record(
    [
        ("ts", Text(ts)), ("platform", Text("android")), ("ms_played", "180000"), ("conn_country", Text("DE")),
        ("master_metadata_track_name", Text("Song")), ("master_metadata_album_artist_name", Text("Artist")),
        ("master_metadata_album_album_name", Text("Album")),
        ("spotify_track_uri", Text("spotify:track:1111111111111111111111")),
        ("episode_name", "null"), ("episode_show_name", "null"), ("spotify_episode_uri", "null"),
        ("reason_start", Text("clickrow")), ("reason_end", Text("trackdone")), ("shuffle", "false"),
        ("skipped", "false"),
        ("offline", "false"), ("offline_timestamp", "0"), ("incognito_mode", "false"),
    ], fields);

    public static string AccountMusic(string endTime, params (string Field, string Json)[] fields) => Record(
        [("endTime", Text(endTime)), ("artistName", Text("Artist")), ("trackName", Text("Song")),
        ("msPlayed", "180000")], fields);

    public static string AccountPodcast(string endTime, params (string Field, string Json)[] fields) => Record(
        [("endTime", Text(endTime)), ("podcastName", Text("Show")), ("episodeName", Text("Episode")),
        ("msPlayed", "180000")], fields);

    public static string AccountAudiobook(string endTime, params (string Field, string Json)[] fields) => Record(
        [("endTime", Text(endTime)), ("audiobookName", Text("Audiobook")), ("chapterName", Text("Chapter")),
         ("authorName", Text("Author")), ("msPlayed", "180000")], fields);

    public static string Text(string value) => JsonSerializer.Serialize(value);

    public static byte[] Array(params string[] records) => Utf8("[" + string.Join(",\n", records) + "]");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Two plays of one track, five minutes apart.</summary>
    public static byte[] TwoPlays => Array(Extended("2024-05-01T10:00:00Z"), Extended("2024-05-01T10:05:00Z"));

    public static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(CompressionLevel.Optimal, entries);

    public static byte[] Zip(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Entry sizes and ratios as the zip's own list gives them, read back with ZipArchive.</summary>
    public static (long Length, long CompressedLength) EntrySize(byte[] zip, string entry)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var found = archive.GetEntry(entry)!;
        return (found.Length, found.CompressedLength);
    }

    /// <summary>
    /// A zip of one JSON file: a play, a comma, <paramref name="whitespace"/> bytes of whitespace, another play. Mostly
    /// spaces with a little random whitespace at the start of every 64 KB, so it compresses about 220:1, under the
    /// 250:1 a zip bomb is taken for: 200 MB of it make a zip of some 900 KB.
    /// </summary>
    /// <param name="entries">How many such files the zip holds (<c>a_Streaming_History_Audio_2024.json</c> and so
    /// on).</param>
    public static byte[] WhitespaceZip(long whitespace, int entries = 1)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var entry = 0; entry < entries; entry++)
            {
                using var stream = zip.CreateEntry(entries == 1 ? ExtendedName
                    : $"{(char)('a' + entry)}_{ExtendedName}", CompressionLevel.Optimal).Open();
                stream.Write(Utf8("[" + Extended("2024-05-01T10:00:00Z") + ","));
                var random = new Random(1);
                var block = new byte[64 * 1024];
                for (long written = 0; written < whitespace; written += block.Length)
                {
                    block.AsSpan().Fill((byte)' ');
                    for (var i = 0; i < 570; i++)
                    {
                        block[i] = " \t\r\n"u8[random.Next(4)];
                    }
                    stream.Write(block, 0, (int)Math.Min(block.Length, whitespace - written));
                }
                stream.Write(Utf8(Extended("2024-05-01T10:05:00Z") + "]"));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The extended-history sample's records, each as its own JSON text, as the file writes them.</summary>
    public static List<string> SampleRecords()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(directory!.FullName, "tests", "samples")))
        {
            directory = directory.Parent;
        }
        var path = Path.Combine(directory.FullName, "tests", "samples", "spotify-export", "extended",
            "Streaming_History_Audio_2024_4.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray().Select(r => r.GetRawText()).ToList();
    }

    /// <summary>
    /// A zip whose one entry says it unpacks to <paramref name="declared"/> bytes, in its local header and in the list
    /// alike, while its data unpacks to all of <paramref name="content"/>.
    /// </summary>
    public static byte[] ZipLyingAboutSize(string name, byte[] content, uint declared)
    {
        var zip = Zip((name, content));
        // Local file header: uncompressed size at 22. Central directory entry (signature 0x02014b50): at 24.
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(22), declared);
        var central = zip.AsSpan().IndexOf("PK\u0001\u0002"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + 24), declared);
        return zip;
    }

    /// <summary>A zip whose one entry's compressed data is replaced by bytes no deflate stream can hold.</summary>
    public static byte[] ZipWithDamagedData(string name, byte[] content)
    {
        var zip = Zip((name, content));
        var (_, compressed) = EntrySize(zip, name);
        // The data starts after the 30-byte local header, the name and the extra field, whose lengths are at 26 and 28.
        var start = 30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(26))
            + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(28));
        zip.AsSpan(start, (int)compressed).Fill(0xFF);
        return zip;
    }

    private static string Record((string Field, string Json)[] defaults, (string Field, string Json)[] fields)
    {
        var values = defaults.ToList();
        foreach (var (field, json) in fields)
        {
            values.RemoveAll(v => v.Field == field);
            if (json != Missing)
            {
                values.Add((field, json));
            }
        }
        return "{" + string.Join(",", values.Select(v => $"{Text(v.Field)}:{v.Json}")) + "}";
    }
}
