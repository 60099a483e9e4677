using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Imports;

/// <summary>
/// One record of any Spotify export format, as written: the extended history (current and older
/// <c>endsong</c> field sets) and account data (music, podcast, audiobook). Unknown fields are ignored; a known field
/// with a value of another JSON type fails to deserialize (<see cref="ExportReader"/> names it).
/// </summary>
internal sealed class RawRecord
{
    [JsonPropertyName("ts")] public DateTime? Ts { get; set; }
    [JsonPropertyName("platform")] public string? Platform { get; set; }
    [JsonPropertyName("ms_played"), JsonConverter(typeof(WholeNumberConverter))] public long? MsPlayed { get; set; }
    [JsonPropertyName("conn_country")] public string? ConnCountry { get; set; }
    [JsonPropertyName("master_metadata_track_name")] public string? TrackName { get; set; }
    [JsonPropertyName("master_metadata_album_artist_name")] public string? ArtistName { get; set; }
    [JsonPropertyName("master_metadata_album_album_name")] public string? AlbumName { get; set; }
    [JsonPropertyName("spotify_track_uri")] public string? TrackUri { get; set; }
    [JsonPropertyName("episode_name")] public string? EpisodeName { get; set; }
    [JsonPropertyName("episode_show_name")] public string? ShowName { get; set; }
    [JsonPropertyName("spotify_episode_uri")] public string? EpisodeUri { get; set; }
    [JsonPropertyName("audiobook_title")] public string? AudiobookTitle { get; set; }
    [JsonPropertyName("audiobook_uri")] public string? AudiobookUri { get; set; }
    [JsonPropertyName("audiobook_chapter_uri")] public string? ChapterUri { get; set; }
    [JsonPropertyName("audiobook_chapter_title")] public string? ChapterTitle { get; set; }
    [JsonPropertyName("reason_start")] public string? ReasonStart { get; set; }
    [JsonPropertyName("reason_end")] public string? ReasonEnd { get; set; }
    [JsonPropertyName("shuffle")] public bool? Shuffle { get; set; }
    [JsonPropertyName("skipped")] public bool? Skipped { get; set; }
    [JsonPropertyName("offline")] public bool? Offline { get; set; }
    [JsonPropertyName("offline_timestamp"),
        JsonConverter(typeof(WholeNumberConverter))] public long? OfflineTimestamp { get; set; }
    [JsonPropertyName("incognito_mode")] public bool? Incognito { get; set; }

    // Account data ("StreamingHistory*.json"): minute precision, names only.
    [JsonPropertyName("endTime")] public string? EndTime { get; set; }
    [JsonPropertyName("msPlayed"),
        JsonConverter(typeof(WholeNumberConverter))] public long? AccountMsPlayed { get; set; }
    [JsonPropertyName("artistName")] public string? AccountArtistName { get; set; }
    [JsonPropertyName("trackName")] public string? AccountTrackName { get; set; }
    [JsonPropertyName("podcastName")] public string? PodcastName { get; set; }
    [JsonPropertyName("episodeName")] public string? AccountEpisodeName { get; set; }
    [JsonPropertyName("audiobookName")] public string? AudiobookName { get; set; }
    [JsonPropertyName("chapterName")] public string? ChapterName { get; set; }
    [JsonPropertyName("authorName")] public string? AuthorName { get; set; }
}

/// <summary>
/// A whole number, however large: a number past <see cref="long"/>'s range reads as its nearest end, so a duration of
/// 10^30 ms is a duration over 24 hours, not a file that cannot be read. A fraction is no count of milliseconds.
/// </summary>
internal sealed class WholeNumberConverter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException();
        }
        if (reader.TryGetInt64(out var whole))
        {
            return whole;
        }
        // Past double's range too (1e400) the number is infinite, and whole.
        var value = reader.TryGetDouble(out var parsed) ? parsed : reader.ValueSpan[0] == (byte)'-'
            ? double.NegativeInfinity : double.PositiveInfinity;
        if (double.IsFinite(value) && value != Math.Floor(value))
        {
            throw new JsonException();
        }
        return value >= long.MaxValue ? long.MaxValue : value <= long.MinValue ? long.MinValue : (long)value;
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options) =>
        throw new NotSupportedException();
}

[JsonSerializable(typeof(RawRecord))]
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
internal sealed partial class ExportJsonContext : JsonSerializerContext;

/// <summary>A play read from the export, normalised across formats; the writer turns names into ids.</summary>
internal sealed record ExportPlay(
    DateTime PlayedAt,
    int MsPlayed,
    ContentType ContentType,
    ExportItem Item,
    string? Platform,
    string? Country,
    string? ReasonStart,
    string? ReasonEnd,
    bool? Shuffle,
    bool? Skipped,
    bool? Offline,
    DateTime? OfflineAt,
    bool? Incognito);

/// <summary>What was played: a track, or an episode (podcast episode or audiobook chapter) of a show.</summary>
internal abstract record ExportItem;

internal sealed record ExportTrack(string? SpotifyId, string Name, string? ArtistName, string? AlbumName) : ExportItem;

internal sealed record ExportEpisode(string? SpotifyId, string Name, ShowKind ShowKind, string? ShowSpotifyId,
    string ShowName, string? Publisher) : ExportItem;
