using System.Text.Json;

namespace Dashboard.Core.Imports;

/// <summary>The kinds of streaming-history file in a Spotify privacy export.</summary>
public enum ExportFileKind
{
    /// <summary><c>Streaming_History_Audio_*.json</c> or the older <c>endsong_N.json</c>.</summary>
    ExtendedAudio,

    /// <summary><c>Streaming_History_Video_*.json</c>: the extended field set, for video plays.</summary>
    ExtendedVideo,

    /// <summary><c>StreamingHistory_music_N.json</c> or the older <c>StreamingHistoryN.json</c>.</summary>
    AccountMusic,

    /// <summary><c>StreamingHistory_podcast_N.json</c>.</summary>
    AccountPodcast,

    /// <summary><c>StreamingHistory_audiobook_N.json</c>.</summary>
    AccountAudiobook,
}

/// <summary>What the first bytes of a file say it is.</summary>
/// <param name="Kind">The streaming-history kind, or null when the file is not one.</param>
/// <param name="IsEmptyHistory">A JSON array with no records: a history file with nothing in it.</param>
/// <param name="Description">For a file that is not streaming history, what it looks like instead.</param>
public sealed record ExportFileKindResult(ExportFileKind? Kind, bool IsEmptyHistory, string? Description);

/// <summary>Recognises streaming-history files by their content (the first record's fields), not their name.</summary>
public static class ExportFormat
{
    /// <summary>How much of a file <see cref="Detect"/> needs to see; a first record is far smaller.</summary>
    public const int HeadLength = 64 * 1024;

    public static ExportFileKindResult Detect(ReadOnlySpan<byte> head, string fileName)
    {
        var bom = head.StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Utf8JsonReader(head[bom..], isFinalBlock: head.Length < HeadLength, state: default);
        try
        {
            if (!reader.Read())
            {
                return NotHistory("an empty file");
            }
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                return NotHistory("a JSON object, not a list of plays");
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return NotHistory("JSON, but not a list of plays");
            }
            if (!reader.Read())
            {
                return NotHistory("an incomplete JSON list");
            }
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return new ExportFileKindResult(null, IsEmptyHistory: true, null);
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return NotHistory("a JSON list of something other than plays");
            }
            var fields = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2)
                {
                    fields.Add(reader.GetString()!);
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            return Classify(fields, fileName);
        }
        catch (JsonException)
        {
            return NotHistory(bom == 0 && head.Length > 0
                && head[0] is (byte)'[' or (byte)'{' ? "broken JSON" : "not JSON");
        }
    }

    private static ExportFileKindResult Classify(HashSet<string> fields, string fileName)
    {
        if (fields.Contains("ts") && fields.Contains("ms_played") &&
            (fields.Contains("spotify_track_uri") || fields.Contains("master_metadata_track_name")
            || fields.Contains("episode_name")))
        {
            var isVideo = Path.GetFileName(fileName).Contains("Video", StringComparison.OrdinalIgnoreCase);
            return new ExportFileKindResult(isVideo ? ExportFileKind.ExtendedVideo : ExportFileKind.ExtendedAudio,
                false, null);
        }
        if (fields.Contains("endTime") && fields.Contains("msPlayed"))
        {
            if (fields.Contains("trackName") && fields.Contains("artistName"))
            {
                return new ExportFileKindResult(ExportFileKind.AccountMusic, false, null);
            }
            if (fields.Contains("podcastName") && fields.Contains("episodeName"))
            {
                return new ExportFileKindResult(ExportFileKind.AccountPodcast, false, null);
            }
            if (fields.Contains("audiobookName") && fields.Contains("chapterName"))
            {
                return new ExportFileKindResult(ExportFileKind.AccountAudiobook, false, null);
            }
        }
        return NotHistory("JSON records without the fields of a streaming history");
    }

    private static ExportFileKindResult NotHistory(string description) => new(null, false, description);
}
