namespace Dashboard.SpotifyEmulator.Demo;

/// <summary>One generated play, with every field the privacy export and the Web API describe.</summary>
public sealed record DemoPlay(
    DateTime StartedAt,
    DateTime EndedAt,
    int MsPlayed,
    DemoTrack? Track,
    DemoEpisode? Episode,
    string Platform,
    string Country,
    string IpAddress,
    string ReasonStart,
    string ReasonEnd,
    bool Shuffle,
    bool Skipped,
    bool Offline,
    bool Incognito,
    string? ContextUri);

/// <summary>
/// A listener who has listened for years and keeps listening: a deterministic timeline of plays with daily
/// and weekly rhythms, favourite artists that come and go, albums played through, skips, commutes with
/// podcasts, travel abroad and a few devices. Each local day is generated from (seed, day) alone, so any
/// window of the timeline is the same whenever it is asked for.
/// </summary>
public sealed class DemoListener
{
    private const string HomeCountry = "DE";
    private static readonly string[] TravelCountries = ["FR", "ES", "IT", "PT", "GB", "US", "NL", "AT", "SE", "GR"];

    private readonly DemoCatalog _catalog;
    private readonly ArtistTaste[] _tastes;
    private readonly DemoTrack[][] _tracksByArtist;

    public DemoListener(DemoCatalog catalog, int seed, TimeZoneInfo zone)
    {
        _catalog = catalog;
        Seed = seed;
        Zone = zone;
        var random = new Random(seed * 7919);
        // Zipf-like base popularity by rank; each artist also has an era when the listener loved them.
        var epoch = new DateOnly(2022, 1, 1).DayNumber;
        _tastes = catalog.Artists
            .Select(artist => new ArtistTaste(
                BaseWeight: 1.0 / Math.Pow(artist.Rank, 1.05),
                PeakDay: epoch + random.Next(-400, 2200),
                WidthDays: 60 + random.Next(420)))
            .ToArray();
        _tracksByArtist = catalog.Artists
            .Select(artist => catalog.AlbumsByArtist[artist.Id].SelectMany(a => a.Tracks).ToArray())
            .ToArray();
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>
    /// The seed this listener was generated from; the rest of the account (its library) derives from it too.
    /// </summary>
    public int Seed { get; }

    /// <summary>Plays that ended in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), oldest first.</summary>
    public IEnumerable<DemoPlay> PlaysBetween(DateTime fromUtc, DateTime toUtc)
    {
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(fromUtc, Zone)).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(toUtc, Zone));
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var play in PlaysOn(day))
            {
                if (play.EndedAt >= fromUtc && play.EndedAt < toUtc)
                {
                    yield return play;
                }
            }
        }
    }

    /// <summary>The play in progress at <paramref name="utc"/>, if any.</summary>
    public DemoPlay? PlayingAt(DateTime utc) =>
        PlaysBetween(utc.AddHours(-3), utc.AddHours(3)).FirstOrDefault(p => p.StartedAt <= utc && p.EndedAt > utc);

    /// <summary>Every play of sessions that start on this local day, in order.</summary>
    internal List<DemoPlay> PlaysOn(DateOnly day)
    {
        var random = new Random(StableHash.Mix(Seed, day.DayNumber, 17));
        var plays = new List<DemoPlay>();
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var week = day.DayNumber / 7;
        var abroad = new Random(StableHash.Mix(Seed, week, 3)).NextDouble() < 0.07;
        var country = abroad ? TravelCountries[new Random(StableHash.Mix(Seed, week, 5)).Next(TravelCountries.Length)]
            : HomeCountry;
        var ipAddress = abroad ? $"203.0.113.{10 + week % 200}" : $"198.51.100.{20 + week % 50}";

        var mood = random.NextDouble();
        if (mood < 0.025)
        {
            return plays; // a day without music
        }
        var sessions = weekend ? 3 + random.Next(4) : 3 + random.Next(3);
        if (mood < 0.10)
        {
            sessions = 1;
        }
        var cursor = LocalToUtc(day, 0, 0);
        // Sessions stop at midnight, so that one day's listening never overlaps the next day's.
        var dayEnd = LocalToUtc(day.AddDays(1), 0, 0);
        foreach (var hour in SessionHours(random, weekend, sessions))
        {
            var start = LocalToUtc(day, hour, random.Next(60)).AddSeconds(random.Next(60));
            if (start < cursor)
            {
                start = cursor.AddSeconds(5 + random.Next(300));
            }
            var podcastSlot = (!weekend && hour is >= 7 and <= 9 && random.NextDouble() < 0.6)
                              || (weekend && hour is >= 9 and <= 12 && random.NextDouble() < 0.3);
            if (start >= dayEnd)
            {
                break;
            }
            cursor = podcastSlot
                ? PodcastSession(random, day, start, dayEnd, plays, country, ipAddress, isAudiobook: false)
                : MusicSession(random, day, start, dayEnd, hour, weekend, plays, country, ipAddress);
            if (hour >= 21 && AudiobookSeason(day) && random.NextDouble() < 0.35 && cursor.AddMinutes(5) < dayEnd)
            {
                cursor = PodcastSession(random, day, cursor.AddMinutes(5), dayEnd, plays, country, ipAddress,
                    isAudiobook: true);
            }
        }
        return plays;
    }

    private DateTime MusicSession(Random random, DateOnly day, DateTime start, DateTime dayEnd, int hour, bool weekend,
        List<DemoPlay> plays, string country, string ipAddress)
    {
        var platform = PlatformFor(random, hour, weekend);
        var offline = platform == "android" && random.NextDouble() < 0.06;
        var incognito = random.NextDouble() < 0.012;
        var length = 4 + random.Next(weekend ? 22 : 16);
        var cumulative = CumulativeTaste(day);
        var time = start;
        var reasonStart = Names.Pick(random, ["clickrow", "playbtn", "appload", "remote"]);

        if (random.NextDouble() < 0.35)
        {
            // Play an album of a favourite artist through, in order.
            var artist = PickArtist(random, cumulative);
            var albums = _catalog.AlbumsByArtist[_catalog.Artists[artist].Id].ToArray();
            var album = albums[random.Next(albums.Length)];
            foreach (var track in album.Tracks.Take(length).TakeWhile(t => time.AddMilliseconds(t.DurationMs) < dayEnd))
            {
                time = AddPlay(random, plays, time, track, platform, country, ipAddress, reasonStart, shuffle: false,
                    offline, incognito, $"spotify:album:{album.Id}");
                reasonStart = plays[^1].ReasonEnd == "fwdbtn" ? "fwdbtn" : "trackdone";
            }
            return time;
        }

        // A shuffled mix, mostly of favourites.
        for (var i = 0; i < length; i++)
        {
            var tracks = _tracksByArtist[PickArtist(random, cumulative)];
            var track = tracks[ZipfIndex(random, tracks.Length)];
            if (time.AddMilliseconds(track.DurationMs) >= dayEnd)
            {
                break;
            }
            time = AddPlay(random, plays, time, track, platform, country, ipAddress, reasonStart, shuffle: true,
                offline, incognito, null);
            reasonStart = plays[^1].ReasonEnd == "fwdbtn" ? "fwdbtn" : "trackdone";
        }
        return time;
    }

    private static DateTime AddPlay(Random random, List<DemoPlay> plays, DateTime start, DemoTrack track,
        string platform, string country, string ipAddress, string reasonStart, bool shuffle, bool offline,
        bool incognito, string? contextUri)
    {
        var roll = random.NextDouble();
        var (ms, reasonEnd, skipped) = roll switch
        {
            < 0.17 => (1_000 + random.Next(28_000), "fwdbtn", true),
            < 0.22 => (30_000 + random.Next(Math.Max(1, track.DurationMs / 2)), "fwdbtn", true),
            < 0.25 =>
                (2_000 + random.Next(Math.Max(1, track.DurationMs - 2_000)),
                    Names.Pick(random, ["endplay", "logout", "backbtn"]), false),
            _ => (track.DurationMs, "trackdone", false),
        };
        var end = start.AddMilliseconds(ms);
        plays.Add(new DemoPlay(start, end, ms, track, null, platform, country, ipAddress, reasonStart, reasonEnd,
            shuffle, skipped, offline, incognito, contextUri));
        return end.AddMilliseconds(random.Next(200, 2_500));
    }

    private DateTime PodcastSession(Random random, DateOnly day, DateTime start, DateTime dayEnd, List<DemoPlay> plays,
        string country, string ipAddress, bool isAudiobook)
    {
        var shows = _catalog.Shows.Where(s => s.IsAudiobook == isAudiobook).ToArray();
        var show = shows[random.Next(shows.Length)];
        // Follow each show roughly in release order: the episode follows from the date.
        var available = show.Episodes.Where(e => e.ReleaseDate <= day).ToArray();
        if (available.Length == 0)
        {
            return start;
        }
        var episode = isAudiobook
            ? available[Math.Min(available.Length - 1, (day.DayNumber - AudiobookStart.DayNumber) / 3)]
            : available[Math.Max(0, available.Length - 1 - random.Next(Math.Min(4, available.Length)))];
        var finished = random.NextDouble() < 0.55;
        var ms = finished ? episode.DurationMs : (int)(episode.DurationMs * (0.15 + 0.7 * random.NextDouble()));
        if (start.AddMilliseconds(ms) >= dayEnd)
        {
            finished = false;
            ms = (int)(dayEnd - start).TotalMilliseconds - 1_000;
            if (ms <= 0)
            {
                return start;
            }
        }
        var end = start.AddMilliseconds(ms);
        plays.Add(new DemoPlay(start, end, ms, null, episode, "android", country, ipAddress, "clickrow",
            finished ? "trackdone" : "endplay", Shuffle: false, Skipped: false, Offline: random.NextDouble() < 0.1,
            Incognito: false, ContextUri: $"spotify:show:{show.Id}"));
        return end.AddSeconds(random.Next(5, 60));
    }

    private static readonly DateOnly AudiobookStart = new(2025, 10, 1);

    private static bool AudiobookSeason(DateOnly day) =>
        day >= AudiobookStart && day < AudiobookStart.AddDays(80);

    private static IEnumerable<int> SessionHours(Random random, bool weekend, int count)
    {
        ReadOnlySpan<int> weekdayWeights = [1, 0, 0, 0, 0, 0, 2, 9, 10, 5, 4, 4, 6, 5, 4, 4, 5, 8, 9, 10, 10, 9, 7, 3];
        ReadOnlySpan<int> weekendWeights = [3, 2, 1, 0, 0, 0, 0, 1, 2, 4, 7, 9, 9, 8, 8, 8, 8, 9, 10, 10, 11, 11, 9, 6];
        var weights = weekend ? weekendWeights : weekdayWeights;
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }
        var hours = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(total);
            for (var h = 0; h < 24; h++)
            {
                pick -= weights[h];
                if (pick < 0)
                {
                    hours.Add(h);
                    break;
                }
            }
        }
        hours.Sort();
        return hours;
    }

    private static string PlatformFor(Random random, int hour, bool weekend)
    {
        var roll = random.NextDouble();
        if (!weekend && hour is >= 9 and <= 17)
        {
            return roll < 0.6 ? "windows" : roll < 0.75 ? "web_player" : "android";
        }
        if (hour >= 19)
        {
            return roll < 0.45 ? "android" : roll < 0.7 ? "cast" : roll < 0.85 ? "osx" : "windows";
        }
        return roll < 0.8 ? "android" : roll < 0.9 ? "ios" : "osx";
    }

    /// <summary>Running totals of each artist's weight on <paramref name="day"/>.</summary>
    private double[] CumulativeTaste(DateOnly day)
    {
        var cumulative = new double[_tastes.Length];
        var sum = 0.0;
        for (var i = 0; i < _tastes.Length; i++)
        {
            var taste = _tastes[i];
            var distance = (day.DayNumber - taste.PeakDay) / (double)taste.WidthDays;
            sum += _tracksByArtist[i].Length == 0 ? 0 : taste.BaseWeight * (0.2 + 2.5 * Math.Exp(-distance * distance));
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private static int PickArtist(Random random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return index < 0 ? ~index : index;
    }

    /// <summary>A Zipf-like pick: the first tracks of an artist (their hits) come up far more often.</summary>
    private static int ZipfIndex(Random random, int count) =>
        Math.Min(count - 1, (int)Math.Floor(Math.Pow(count + 1, random.NextDouble()) - 1));

    private DateTime LocalToUtc(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    private sealed record ArtistTaste(double BaseWeight, int PeakDay, int WidthDays);
}
