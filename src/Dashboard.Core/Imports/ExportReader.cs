using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Imports;

/// <summary>A record read from a file: a play, or the reason it cannot be one.</summary>
internal readonly record struct ReadRecord(ExportPlay? Play, string? SkipReason);

/// <summary>A file that cannot be imported, with what to tell the user.</summary>
public class ImportFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An upload larger than <see cref="ImportOptions.MaxUploadBytes"/>.</summary>
public sealed class ImportTooLargeException(string message) : ImportFileException(message);

/// <summary>
/// Streams the records of one streaming-history file, never holding the whole file in memory. One rule for every
/// field of every format: a value of the wrong JSON type, or one that cannot be read (a time in another format, a
/// fraction of a millisecond), refuses the file and names file, record and field; a missing or null time, duration or
/// item skips the record with its reason, as does a play outside <see cref="PlayBounds"/>.
/// </summary>
internal static class ExportReader
{
    /// <param name="latestExclusive">The first moment too late to be a play (<see
    /// cref="PlayBounds.LatestExclusive"/>).</param>
    public static async IAsyncEnumerable<ReadRecord> ReadAsync(Stream stream, ExportFileKind kind, string fileName,
        DateTime latestExclusive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var json = new JsonArrayStream(stream, fileName);
        var records = new List<ReadRecord>();
        var more = true;
        while (more)
        {
            more = await json.ReadChunkAsync((element, number) =>
                records.Add(Read(element, new RecordPlace(fileName, number), kind, latestExclusive)),
                cancellationToken);
            foreach (var record in records)
            {
                yield return record;
            }
            records.Clear();
        }
    }

    private static ReadRecord Read(ReadOnlySpan<byte> element, RecordPlace place, ExportFileKind kind,
        DateTime latestExclusive)
    {
        RawRecord? raw;
        try
        {
            raw = JsonSerializer.Deserialize(element, ExportJsonContext.Default.RawRecord);
        }
        catch (JsonException e)
        {
            throw ExportFields.Refusal(element, place, e);
        }
        if (raw is null)
        {
            return new ReadRecord(null, PlayBounds.NoRecord);
        }
        return kind switch
        {
            ExportFileKind.ExtendedAudio => Extended(raw, ContentType.Music, latestExclusive),
            ExportFileKind.ExtendedVideo => Extended(raw, ContentType.Video, latestExclusive),
            _ => Account(raw, kind, place, latestExclusive),
        };
    }

    private static ReadRecord Extended(RawRecord raw, ContentType musicType, DateTime latestExclusive)
    {
        if (raw.Ts is not { } ts)
        {
            return new ReadRecord(null, PlayBounds.NoTimestamp);
        }
        if (raw.MsPlayed is not { } msPlayed)
        {
            return new ReadRecord(null, PlayBounds.NoDuration);
        }
        var playedAt = ToUtc(ts);
        if ((PlayBounds.TimeAndDuration(playedAt, msPlayed, latestExclusive)
            ?? ExportFields.TextOutOfBounds(raw)) is { } implausible)
        {
            return new ReadRecord(null, implausible);
        }
        ExportItem item;
        ContentType type;
        var trackId = SpotifyId(raw.TrackUri, "track");
        var episodeId = SpotifyId(raw.EpisodeUri, "episode");
        var chapterId = SpotifyId(raw.ChapterUri, "chapter");
        if (trackId is not null || !string.IsNullOrEmpty(raw.TrackName))
        {
            // No track id but a name: a local file, or a track Spotify no longer has.
            item = new ExportTrack(trackId, raw.TrackName ?? raw.TrackUri!, Blank(raw.ArtistName),
                Blank(raw.AlbumName));
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
            return new ReadRecord(null, PlayBounds.NoItem);
        }
        return new ReadRecord(new ExportPlay(
            playedAt, (int)msPlayed, type, item, Blank(raw.Platform), Blank(raw.ConnCountry),
            Blank(raw.ReasonStart), Blank(raw.ReasonEnd), raw.Shuffle, raw.Skipped, raw.Offline,
            OfflineTime(raw.OfflineTimestamp), raw.Incognito), null);
    }

    private static ReadRecord Account(RawRecord raw, ExportFileKind kind, RecordPlace place, DateTime latestExclusive)
    {
        if (raw.EndTime is null)
        {
            return new ReadRecord(null, PlayBounds.NoTimestamp);
        }
        if (!DateTime.TryParseExact(raw.EndTime, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var endTime))
        {
            throw ExportFields.Unreadable(place, "endTime");
        }
        if (raw.AccountMsPlayed is not { } msPlayed)
        {
            return new ReadRecord(null, PlayBounds.NoDuration);
        }
        if ((PlayBounds.TimeAndDuration(endTime, msPlayed, latestExclusive)
            ?? ExportFields.TextOutOfBounds(raw)) is { } implausible)
        {
            return new ReadRecord(null, implausible);
        }
        ExportItem? item = kind switch
        {
            ExportFileKind.AccountMusic when !string.IsNullOrEmpty(raw.AccountTrackName) =>
                new ExportTrack(null, raw.AccountTrackName, Blank(raw.AccountArtistName), null),
            ExportFileKind.AccountPodcast when !string.IsNullOrEmpty(raw.AccountEpisodeName) =>
                new ExportEpisode(null, raw.AccountEpisodeName, ShowKind.Podcast, null, raw.PodcastName
                    ?? "Unknown podcast", null),
            ExportFileKind.AccountAudiobook when !string.IsNullOrEmpty(raw.ChapterName) =>
                new ExportEpisode(null, raw.ChapterName, ShowKind.Audiobook, null, raw.AudiobookName
                    ?? "Unknown audiobook", Blank(raw.AuthorName)),
            _ => null,
        };
        if (item is null)
        {
            return new ReadRecord(null, PlayBounds.NoItem);
        }
        var type = kind switch
        {
            ExportFileKind.AccountPodcast => ContentType.Podcast,
            ExportFileKind.AccountAudiobook => ContentType.Audiobook,
            _ => ContentType.Music,
        };
        return new ReadRecord(new ExportPlay(endTime, (int)msPlayed, type, item,
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
        return uri.StartsWith(prefix, StringComparison.Ordinal)
            && uri.Length > prefix.Length ? uri[prefix.Length..] : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>
    /// <c>offline_timestamp</c> is seconds in newer exports and milliseconds in older ones; 0 means none.
    /// </summary>
    private static DateTime? OfflineTime(long? value) => value switch
    {
        null or <= 0 => null,
        > 100_000_000_000 =>
            DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(value.Value, 253_402_300_799_000)).UtcDateTime,
        _ => DateTimeOffset.FromUnixTimeSeconds(value.Value).UtcDateTime,
    };
}

/// <summary>Where a record sits, for messages that name it.</summary>
internal readonly record struct RecordPlace(string FileName, int Number);
