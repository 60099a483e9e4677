using System.Text.Json;

namespace Dashboard.Core.Imports;

/// <summary>
/// The fields of every export format that the import reads: the JSON type Spotify writes in each, and the longest text
/// each may hold (<see cref="PlayBounds"/>). Says what is wrong with a record that cannot be read, naming its field.
/// </summary>
internal static class ExportFields
{
    private const string Again = "Download the export again from Spotify and upload the original file.";

    private enum Kind
    {
        Text,
        Number,
        TrueOrFalse,
    }

    private static readonly Dictionary<string, Kind> Kinds = new(StringComparer.Ordinal)
    {
        ["ts"] = Kind.Text,
        ["ms_played"] = Kind.Number,
        ["offline_timestamp"] = Kind.Number,
        ["msPlayed"] = Kind.Number,
        ["shuffle"] = Kind.TrueOrFalse,
        ["skipped"] = Kind.TrueOrFalse,
        ["offline"] = Kind.TrueOrFalse,
        ["incognito_mode"] = Kind.TrueOrFalse,
        ["endTime"] = Kind.Text,
    };

    /// <summary>Every text field kept from a record, with its bound, in the order a record is checked.</summary>
    private static readonly (string Field, Func<RawRecord, string?> Value, int MaxLength)[] Texts =
    [
        ("master_metadata_track_name", r => r.TrackName, PlayBounds.MaxNameLength),
        ("master_metadata_album_artist_name", r => r.ArtistName, PlayBounds.MaxNameLength),
        ("master_metadata_album_album_name", r => r.AlbumName, PlayBounds.MaxNameLength),
        ("episode_name", r => r.EpisodeName, PlayBounds.MaxNameLength),
        ("episode_show_name", r => r.ShowName, PlayBounds.MaxNameLength),
        ("audiobook_title", r => r.AudiobookTitle, PlayBounds.MaxNameLength),
        ("audiobook_chapter_title", r => r.ChapterTitle, PlayBounds.MaxNameLength),
        ("trackName", r => r.AccountTrackName, PlayBounds.MaxNameLength),
        ("artistName", r => r.AccountArtistName, PlayBounds.MaxNameLength),
        ("podcastName", r => r.PodcastName, PlayBounds.MaxNameLength),
        ("episodeName", r => r.AccountEpisodeName, PlayBounds.MaxNameLength),
        ("audiobookName", r => r.AudiobookName, PlayBounds.MaxNameLength),
        ("chapterName", r => r.ChapterName, PlayBounds.MaxNameLength),
        ("authorName", r => r.AuthorName, PlayBounds.MaxNameLength),
        ("spotify_track_uri", r => r.TrackUri, PlayBounds.MaxUriLength),
        ("spotify_episode_uri", r => r.EpisodeUri, PlayBounds.MaxUriLength),
        ("audiobook_uri", r => r.AudiobookUri, PlayBounds.MaxUriLength),
        ("audiobook_chapter_uri", r => r.ChapterUri, PlayBounds.MaxUriLength),
        ("platform", r => r.Platform, PlayBounds.MaxPlatformLength),
        ("conn_country", r => r.ConnCountry, PlayBounds.MaxCountryLength),
        ("reason_start", r => r.ReasonStart, PlayBounds.MaxReasonLength),
        ("reason_end", r => r.ReasonEnd, PlayBounds.MaxReasonLength),
    ];

    /// <summary>
    /// Why a record's text cannot be kept, for the first field out of bounds; null when all of it can.
    /// </summary>
    public static string? TextOutOfBounds(RawRecord raw)
    {
        foreach (var (field, value, maxLength) in Texts)
        {
            if (PlayBounds.Text(value(raw), field, maxLength) is { } reason)
            {
                return reason;
            }
        }
        return null;
    }

    /// <summary>
    /// The refusal for a record that failed to deserialize: which field, and whether its type or its content is wrong.
    /// </summary>
    public static ImportFileException Refusal(ReadOnlySpan<byte> element, RecordPlace place, JsonException e)
    {
        if (FieldOf(e.Path) is not { } field)
        {
            return new ImportFileException($"{place.FileName}: record {place.Number:N0} is not a play record. {Again}",
                e);
        }
        var expected = Kinds.GetValueOrDefault(field, Kind.Text);
        if (TokenOf(element, field, expected) is { } found && !Matches(expected, found))
        {
            return new ImportFileException(
                $"{place.FileName}: record {place.Number:N0} (field {field}) has a value of the wrong type " +
                $"({Describe(found)} where Spotify writes {Describe(expected)}). {Again}", e);
        }
        return Unreadable(place, field, e);
    }

    /// <summary>The refusal for a value of the right type whose content cannot be read.</summary>
    public static ImportFileException Unreadable(RecordPlace place, string field, Exception? inner = null)
    {
        var written = field switch
        {
            "ts" => "Spotify writes a time like 2024-05-01T10:03:17Z",
            "endTime" => "Spotify writes a time like 2024-05-01 10:03",
            _ when Kinds.GetValueOrDefault(field) == Kind.Number => "Spotify writes a whole number",
            _ => "it is not valid text",
        };
        return new ImportFileException(
            $"{place.FileName}: record {place.Number:N0} (field {field}) has a value that cannot be read: {written}. " +
            $"{Again}", inner);
    }

    /// <summary>
    /// The field a deserialization error is in: <c>$.ms_played</c> is <c>ms_played</c>; null for the record itself.
    /// </summary>
    private static string? FieldOf(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;

    /// <summary>
    /// The JSON type of the record's value for <paramref name="field"/>: of the first value not of the expected type
    /// should the field appear more than once, else of the first.
    /// </summary>
    private static JsonTokenType? TokenOf(ReadOnlySpan<byte> element, string field, Kind expected)
    {
        JsonTokenType? first = null;
        var reader = new Utf8JsonReader(element);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1
                && reader.ValueTextEquals(field))
            {
                reader.Read();
                if (!Matches(expected, reader.TokenType))
                {
                    return reader.TokenType;
                }
                first ??= reader.TokenType;
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > 0)
            {
                reader.Skip();
            }
        }
        return first;
    }

    private static bool Matches(Kind expected, JsonTokenType token) => token == JsonTokenType.Null || expected switch
    {
        Kind.Text => token == JsonTokenType.String,
        Kind.Number => token == JsonTokenType.Number,
        _ => token is JsonTokenType.True or JsonTokenType.False,
    };

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Text => "text",
        Kind.Number => "a number",
        _ => "true or false",
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "text",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        _ => "a value",
    };
}
