namespace Dashboard.SpotifyEmulator.Demo;

public sealed record DemoArtist(string Id, string Name, string Genre, int Rank);

public sealed record DemoAlbum(string Id, string Name, DemoArtist Artist, string ReleaseDate, string AlbumType,
    IReadOnlyList<DemoTrack> Tracks);

public sealed record DemoTrack(string Id, string Name, DemoArtist Artist, IReadOnlyList<DemoArtist> Featured,
    string AlbumId, int TrackNumber, int DurationMs, string Isrc, bool Explicit);

public sealed record DemoShow(string Id, string Name, string Publisher, bool IsAudiobook,
    IReadOnlyList<DemoEpisode> Episodes);

public sealed record DemoEpisode(string Id, string Name, string ShowId, int Number, int DurationMs,
    DateOnly ReleaseDate);

/// <summary>
/// A generated music catalogue: a few hundred artists with albums and a few thousand tracks, some podcasts
/// and an audiobook. The same seed always gives the same catalogue, ids included.
/// </summary>
public sealed class DemoCatalog
{
    private readonly Dictionary<string, DemoTrack> _tracksById;
    private readonly Dictionary<string, DemoAlbum> _albumsById;
    private readonly Dictionary<string, DemoArtist> _artistsById;

    private DemoCatalog(List<DemoArtist> artists, List<DemoAlbum> albums, List<DemoShow> shows)
    {
        Artists = artists;
        Albums = albums;
        Shows = shows;
        AlbumsByArtist = albums.ToLookup(a => a.Artist.Id);
        _albumsById = albums.ToDictionary(a => a.Id);
        _artistsById = artists.ToDictionary(a => a.Id);
        _tracksById = albums.SelectMany(a => a.Tracks).ToDictionary(t => t.Id);
    }

    public IReadOnlyList<DemoArtist> Artists { get; }
    public IReadOnlyList<DemoAlbum> Albums { get; }
    public IReadOnlyList<DemoShow> Shows { get; }
    public ILookup<string, DemoAlbum> AlbumsByArtist { get; }
    public IEnumerable<DemoTrack> Tracks => _tracksById.Values;

    public DemoTrack? FindTrack(string id) => _tracksById.GetValueOrDefault(id);
    public DemoAlbum? FindAlbum(string id) => _albumsById.GetValueOrDefault(id);
    public DemoArtist? FindArtist(string id) => _artistsById.GetValueOrDefault(id);
    public DemoAlbum AlbumOf(DemoTrack track) => _albumsById[track.AlbumId];

    public static DemoCatalog Generate(int seed, int artistCount = 320)
    {
        var random = new Random(seed);
        var ids = new SpotifyIds(random);
        var artistNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var artists = new List<DemoArtist>(artistCount);
        while (artists.Count < artistCount)
        {
            var name = Names.Artist(random);
            if (artistNames.Add(name))
            {
                artists.Add(new DemoArtist(ids.Next(), name, Names.Pick(random, Names.Genres), artists.Count + 1));
            }
        }

        var albums = new List<DemoAlbum>();
        foreach (var artist in artists)
        {
            var albumCount = 1 + (int)Math.Floor(random.NextDouble() * random.NextDouble() * 4.5);
            var albumNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var trackNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var year = 2006 + random.Next(14);
            for (var a = 0; a < albumCount; a++)
            {
                var isSingle = random.NextDouble() < 0.2;
                var albumName = UniqueName(random, albumNames, Names.Album);
                var albumId = ids.Next();
                var trackCount = isSingle ? 1 + random.Next(2) : 5 + random.Next(9);
                var tracks = new List<DemoTrack>(trackCount);
                for (var t = 0; t < trackCount; t++)
                {
                    var trackName = isSingle && t == 0 ? albumName : UniqueName(random, trackNames, Names.Track);
                    var featured = random.NextDouble() < 0.08
                        ? new[] { artists[random.Next(artists.Count)] }.Where(f => f != artist).ToArray()
                        : [];
                    var duration = (int)Math.Clamp(NextGaussian(random, 215_000, 45_000), 95_000, 480_000);
                    tracks.Add(new DemoTrack(ids.Next(), trackName, artist, featured, albumId, t + 1, duration,
                        $"QZ{random.Next(10, 99)}{year % 100:00}{random.Next(10000, 99999)}",
                        random.NextDouble() < 0.12));
                }
                var month = 1 + random.Next(12);
                var day = 1 + random.Next(28);
                albums.Add(new DemoAlbum(albumId, albumName, artist, $"{year:0000}-{month:00}-{day:00}",
                    isSingle ? "single" : "album", tracks));
                year += 1 + random.Next(3);
            }
        }

        var shows = new List<DemoShow>();
        for (var s = 0; s < 5; s++)
        {
            shows.Add(GenerateShow(random, ids, isAudiobook: false, episodeCount: 60 + random.Next(140)));
        }
        shows.Add(GenerateShow(random, ids, isAudiobook: true, episodeCount: 24));
        return new DemoCatalog(artists, albums, shows);
    }

    private static DemoShow GenerateShow(Random random, SpotifyIds ids, bool isAudiobook, int episodeCount)
    {
        var showId = ids.Next();
        var name = isAudiobook ? $"The {Names.Album(random)}" : Names.Show(random);
        var release = new DateOnly(2021, 1, 4).AddDays(random.Next(120));
        var episodes = new List<DemoEpisode>(episodeCount);
        for (var e = 1; e <= episodeCount; e++)
        {
            var title = isAudiobook ? $"Chapter {e}" : Names.Episode(random, e);
            var duration = isAudiobook
                ? random.Next(14, 32) * 60_000
                : (int)Math.Clamp(NextGaussian(random, 48 * 60_000, 14 * 60_000), 12 * 60_000, 110 * 60_000);
            episodes.Add(new DemoEpisode(ids.Next(), title, showId, e, duration, release));
            release = release.AddDays(7);
        }
        return new DemoShow(showId, name, Names.Person(random), isAudiobook, episodes);
    }

    private static string UniqueName(Random random, HashSet<string> used, Func<Random, string> next)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = next(random);
            if (attempt > 20)
            {
                name = $"{name} ({attempt})";
            }
            if (used.Add(name))
            {
                return name;
            }
        }
    }

    internal static double NextGaussian(Random random, double mean, double deviation)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2);
    }
}

/// <summary>22-character base-62 ids, as Spotify's.</summary>
internal sealed class SpotifyIds(Random random)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public string Next() => string.Create(22, random, static (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[r.Next(Alphabet.Length)];
        }
    });
}
