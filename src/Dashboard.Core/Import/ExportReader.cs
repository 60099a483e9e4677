using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Import;

/// <summary>A record read from a file: a play, or the reason it cannot be one.</summary>
internal readonly record struct ReadRecord(ExportPlay? Play, string? SkipReason);

/// <summary>A file that cannot be imported, with what to tell the user.</summary>
public class ImportFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An upload larger than <see cref="ImportOptions.MaxUploadBytes"/>.</summary>
public sealed class ImportTooLargeException(string message) : ImportFileException(message);

/// <summary>Streams the records of one streaming-history file, never holding the whole file in memory.</summary>
internal static class ExportReader
{
    public const string NoItem = "no track, episode or chapter (Spotify left the item empty)";
    public const string NoTimestamp = "no time of play";
    public const string BadTimestamp = "a time of play that cannot be read";
    public const string NegativeDuration = "a negative or missing duration";

    public static async IAsyncEnumerable<ReadRecord> ReadAsync(Stream stream, ExportFileKind kind, string fileName,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var json = new JsonArrayStream(stream, fileName);
        var records = new List<ReadRecord>();
        var more = true;
        while (more)
        {
            more = await json.ReadChunkAsync((element, number) => records.Add(Read(element, number, kind, fileName)), cancellationToken);
            foreach (var record in records)
            {
                yield return record;
            }
            records.Clear();
        }
    }

    private static ReadRecord Read(ReadOnlySpan<byte> element, int number, ExportFileKind kind, string fileName)
    {
        RawRecord? raw;
        try
        {
            raw = JsonSerializer.Deserialize(element, ExportJsonContext.Default.RawRecord);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? $" (field {path[2..]})" : "";
            var problem = element[0] == (byte)'{' ? "has a value of the wrong type" : "is not a play record";
            throw new ImportFileException(
                $"{fileName}: record {number}{field} {problem}. Download the export again from Spotify and upload the original file.", e);
        }
        return raw is null
            ? new ReadRecord(null, NoItem)
            : kind switch
            {
                ExportFileKind.ExtendedAudio => Extended(raw, ContentType.Music),
                ExportFileKind.ExtendedVideo => Extended(raw, ContentType.Video),
                _ => Account(raw, kind),
            };
    }

    private static ReadRecord Extended(RawRecord raw, ContentType musicType)
    {
        if (raw.Ts is not { } ts)
        {
            return new ReadRecord(null, NoTimestamp);
        }
        if (raw.MsPlayed is not (>= 0 and <= int.MaxValue))
        {
            return new ReadRecord(null, NegativeDuration);
        }
        ExportItem item;
        ContentType type;
        var trackId = SpotifyId(raw.TrackUri, "track");
        var episodeId = SpotifyId(raw.EpisodeUri, "episode");
        var chapterId = SpotifyId(raw.ChapterUri, "chapter");
        if (trackId is not null || !string.IsNullOrEmpty(raw.TrackName))
        {
            // No track id but a name: a local file, or a track Spotify no longer has.
            item = new ExportTrack(trackId, raw.TrackName ?? raw.TrackUri!, Blank(raw.ArtistName), Blank(raw.AlbumName));
            type = musicType;
        }
        else if (episodeId is not null || !string.IsNullOrEmpty(raw.EpisodeName))
        {
            item = new ExportEpisode(episodeId, raw.EpisodeName ?? raw.EpisodeUri!, ShowKind.Podcast, null,
                raw.ShowName ?? "Unknown podcast", null);
            type = musicType == ContentType.Video ? ContentType.Video : ContentType.Podcast;
        }
        else if (chapterId is not null || !string.IsNullOrEmpty(raw.ChapterTitle))
        {
            item = new ExportEpisode(chapterId, raw.ChapterTitle ?? raw.ChapterUri!, ShowKind.Audiobook,
                SpotifyId(raw.AudiobookUri, "audiobook"), raw.AudiobookTitle ?? "Unknown audiobook", null);
            type = ContentType.Audiobook;
        }
        else
        {
            return new ReadRecord(null, NoItem);
        }
        return new ReadRecord(new ExportPlay(
            ToUtc(ts), (int)raw.MsPlayed.Value, type, item, Blank(raw.Platform), Blank(raw.ConnCountry),
            Blank(raw.ReasonStart), Blank(raw.ReasonEnd), raw.Shuffle, raw.Skipped, raw.Offline,
            OfflineTime(raw.OfflineTimestamp), raw.Incognito), null);
    }

    private static ReadRecord Account(RawRecord raw, ExportFileKind kind)
    {
        if (string.IsNullOrEmpty(raw.EndTime))
        {
            return new ReadRecord(null, NoTimestamp);
        }
        if (!DateTime.TryParseExact(raw.EndTime, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var endTime))
        {
            return new ReadRecord(null, BadTimestamp);
        }
        if (raw.AccountMsPlayed is not (>= 0 and <= int.MaxValue))
        {
            return new ReadRecord(null, NegativeDuration);
        }
        ExportItem? item = kind switch
        {
            ExportFileKind.AccountMusic when !string.IsNullOrEmpty(raw.AccountTrackName) =>
                new ExportTrack(null, raw.AccountTrackName, Blank(raw.AccountArtistName), null),
            ExportFileKind.AccountPodcast when !string.IsNullOrEmpty(raw.AccountEpisodeName) =>
                new ExportEpisode(null, raw.AccountEpisodeName, ShowKind.Podcast, null, raw.PodcastName ?? "Unknown podcast", null),
            ExportFileKind.AccountAudiobook when !string.IsNullOrEmpty(raw.ChapterName) =>
                new ExportEpisode(null, raw.ChapterName, ShowKind.Audiobook, null, raw.AudiobookName ?? "Unknown audiobook", Blank(raw.AuthorName)),
            _ => null,
        };
        if (item is null)
        {
            return new ReadRecord(null, NoItem);
        }
        var type = kind switch
        {
            ExportFileKind.AccountPodcast => ContentType.Podcast,
            ExportFileKind.AccountAudiobook => ContentType.Audiobook,
            _ => ContentType.Music,
        };
        return new ReadRecord(new ExportPlay(endTime, (int)raw.AccountMsPlayed.Value, type, item,
            null, null, null, null, null, null, null, null, null), null);
    }

    /// <summary>The id part of <c>spotify:track:ID</c>; null when the URI is missing or of another kind.</summary>
    private static string? SpotifyId(string? uri, string kind)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return null;
        }
        var prefix = $"spotify:{kind}:";
        return uri.StartsWith(prefix, StringComparison.Ordinal) && uri.Length > prefix.Length ? uri[prefix.Length..] : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary><c>offline_timestamp</c> is seconds in newer exports and milliseconds in older ones; 0 means none.</summary>
    private static DateTime? OfflineTime(long? value) => value switch
    {
        null or <= 0 => null,
        > 100_000_000_000 => DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(value.Value, 253_402_300_799_000)).UtcDateTime,
        _ => DateTimeOffset.FromUnixTimeSeconds(value.Value).UtcDateTime,
    };
}
