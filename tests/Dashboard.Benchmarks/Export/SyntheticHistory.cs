namespace Dashboard.Benchmarks.Export;

/// <summary>One record of the export as it will be written; a track, an episode, or neither.</summary>
internal sealed record HistoryRecord(
    DateTime EndedAt,
    string Platform,
    int MsPlayed,
    string Country,
    string IpAddress,
    CatalogueTrack? Track,
    CatalogueEpisode? Episode,
    string ReasonStart,
    string ReasonEnd,
    bool Shuffle,
    bool Skipped,
    bool Offline,
    long OfflineTimestamp,
    bool Incognito);

/// <summary>
/// Ten years of listening, produced one record at a time from a fixed seed: mostly tracks, a few percent
/// podcast episodes, and the oddities of real exports (exact duplicate records, records with no item).
/// </summary>
internal sealed class SyntheticHistory(SyntheticCatalogue catalogue, Random random)
{
    public static readonly DateTime Start = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime End = Start.AddYears(10);

    private const double EpisodeShare = 0.03;
    private const double NoItemShare = 0.005;
    private const double DuplicateShare = 0.003;

    private static readonly WeightedChoice<string> Platforms = new(
        ("android", 55), ("ios", 10), ("windows", 14), ("osx", 5), ("linux", 3), ("cast", 8), ("web_player", 5));
    private static readonly WeightedChoice<string> Countries = new(("DE", 80), ("AR", 6), ("US", 5), ("FR", 4),
        ("ES", 3), ("GB", 2));
    private static readonly WeightedChoice<string> TrackStarts = new(
        ("trackdone", 60), ("clickrow", 12), ("fwdbtn", 15), ("appload", 5), ("playbtn", 3), ("backbtn", 3),
        ("remote", 1), ("trackerror", 1));
    private static readonly WeightedChoice<string> FinishedEnds = new(
        ("trackdone", 85), ("endplay", 7), ("logout", 6), ("unexpected-exit", 1), ("remote", 1));

    public IEnumerable<HistoryRecord> Records(int count)
    {
        var secondsPerRecord = (End - Start).TotalSeconds / count;
        var lastSecond = -1L;
        HistoryRecord? previous = null;
        for (var i = 0; i < count; i++)
        {
            if (previous is not null && random.NextDouble() < DuplicateShare)
            {
                // Spotify sometimes writes the same record twice; the importer must keep one.
                yield return previous;
                previous = null;
                continue;
            }
            // Evenly spread with jitter, one second apart at least so only the deliberate duplicates collide.
            lastSecond = Math.Max(lastSecond + 1, (long)((i + random.NextDouble()) * secondsPerRecord));
            previous = Next(Start.AddSeconds(lastSecond));
            yield return previous;
        }
    }

    private HistoryRecord Next(DateTime endedAt)
    {
        var kind = random.NextDouble();
        var record = kind < NoItemShare ? NoItem(endedAt)
            : kind < NoItemShare + EpisodeShare ? EpisodePlay(endedAt)
            : TrackPlay(endedAt);
        var offline = random.NextDouble() < 0.05;
        var startedAt = endedAt.AddMilliseconds(-record.MsPlayed);
        return record with
        {
            Offline = offline,
            // Spotify writes 0 when it has no offline time for the play.
            OfflineTimestamp = random.NextDouble() < 0.02 ? 0 : new DateTimeOffset(startedAt).ToUnixTimeSeconds(),
            Incognito = random.NextDouble() < 0.01,
        };
    }

    private HistoryRecord TrackPlay(DateTime endedAt)
    {
        var track = catalogue.NextTrack(random);
        var skipped = random.NextDouble() < 0.25;
        return Common(endedAt) with
        {
            Track = track,
            MsPlayed = skipped ? random.Next(track.DurationMs) : track.DurationMs,
            ReasonStart = TrackStarts.Next(random),
            ReasonEnd = skipped ? (random.NextDouble() < 0.85 ? "fwdbtn" : "backbtn") : FinishedEnds.Next(random),
            Shuffle = random.NextDouble() < 0.4,
            Skipped = skipped,
        };
    }

    private HistoryRecord EpisodePlay(DateTime endedAt)
    {
        var episode = catalogue.NextEpisode(random);
        var finished = random.NextDouble() < 0.5;
        return Common(endedAt) with
        {
            Episode = episode,
            MsPlayed = finished ? episode.DurationMs : random.Next(episode.DurationMs),
            ReasonStart = random.NextDouble() < 0.7 ? "clickrow" : "appload",
            ReasonEnd = finished ? "trackdone" : "endplay",
        };
    }

    /// <summary>A play Spotify kept without saying what was played.</summary>
    private HistoryRecord NoItem(DateTime endedAt) => Common(endedAt) with
    {
        MsPlayed = random.Next(10_000),
        ReasonStart = "unknown",
        ReasonEnd = "unknown",
    };

    private HistoryRecord Common(DateTime endedAt) => new(
        endedAt, Platforms.Next(random), 0, Countries.Next(random), $"192.0.2.{random.Next(1, 255)}",
        Track: null, Episode: null, ReasonStart: "", ReasonEnd: "", Shuffle: false, Skipped: false, Offline: false,
        OfflineTimestamp: 0, Incognito: false);
}
