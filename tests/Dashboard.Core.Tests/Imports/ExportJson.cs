using System.Text;

namespace Dashboard.Core.Tests.Imports;

/// <summary>
/// Records of every export format as JSON text, with any field replaced by raw JSON (a number where text belongs,
/// <c>1e400</c>, <c>null</c>) or left out, for the cases a serializer would not write.
/// </summary>
public static class ExportJson
{
    /// <summary>Marks a field to leave out of the record.</summary>
    public const string Missing = "<missing>";

    /// <summary>
    /// An extended-history track play at <paramref name="ts"/>; <paramref name="fields"/> are raw JSON values.
    /// </summary>
    public static string Extended(string ts, params (string Field, string Json)[] fields) => Record(
    [
        ("ts", Text(ts)), ("platform", Text("android")), ("ms_played", "180000"), ("conn_country", Text("DE")),
        ("ip_addr", Text("192.0.2.1")), ("master_metadata_track_name", Text("Song")),
        ("master_metadata_album_artist_name", Text("Artist")), ("master_metadata_album_album_name", Text("Album")),
        ("spotify_track_uri", Text("spotify:track:1111111111111111111111")), ("episode_name", "null"),
        ("episode_show_name", "null"), ("spotify_episode_uri", "null"), ("reason_start", Text("clickrow")),
        ("reason_end", Text("trackdone")), ("shuffle", "false"), ("skipped", "false"), ("offline", "false"),
        ("offline_timestamp", "0"), ("incognito_mode", "false"),
    ], fields);

    /// <summary>An extended-history podcast play.</summary>
    public static string ExtendedEpisode(string ts, params (string Field, string Json)[] fields) => Extended(ts,
    [
        ("master_metadata_track_name", "null"), ("master_metadata_album_artist_name", "null"),
        ("master_metadata_album_album_name", "null"), ("spotify_track_uri", "null"),
        ("episode_name", Text("Episode")), ("episode_show_name", Text("Show")),
        ("spotify_episode_uri", Text("spotify:episode:2222222222222222222222")), .. fields,
    ]);

    /// <summary>An extended-history audiobook chapter play.</summary>
    public static string ExtendedChapter(string ts, params (string Field, string Json)[] fields) => Extended(ts,
    [
        ("master_metadata_track_name", "null"), ("master_metadata_album_artist_name", "null"),
        ("master_metadata_album_album_name", "null"), ("spotify_track_uri", "null"),
        ("audiobook_title", Text("Audiobook")), ("audiobook_uri", Text("spotify:audiobook:3333333333333333333333")),
        ("audiobook_chapter_title", Text("Chapter")),
        ("audiobook_chapter_uri", Text("spotify:chapter:4444444444444444444444")),
        .. fields,
    ]);

    public static string AccountMusic(string endTime, params (string Field, string Json)[] fields) => Record(
        [("endTime", Text(endTime)), ("artistName", Text("Artist")), ("trackName", Text("Song")),
        ("msPlayed", "180000")], fields);

    public static string AccountPodcast(string endTime, params (string Field, string Json)[] fields) => Record(
        [("endTime", Text(endTime)), ("podcastName", Text("Show")), ("episodeName", Text("Episode")),
        ("msPlayed", "180000")], fields);

    public static string AccountAudiobook(string endTime, params (string Field, string Json)[] fields) => Record(
        [("endTime", Text(endTime)), ("audiobookName", Text("Audiobook")), ("chapterName", Text("Chapter")),
        ("authorName", Text("Author")),
         ("msPlayed", "180000")], fields);

    /// <summary>A JSON string holding <paramref name="value"/>.</summary>
    public static string Text(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>A JSON string of <paramref name="length"/> letters.</summary>
    public static string Text(int length) => Text(new string('n', length));

    public static byte[] Array(params string[] records) =>
        Encoding.UTF8.GetBytes("[" + string.Join(",\n", records) + "]");

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
