namespace Dashboard.Benchmarks.Export;

internal sealed record CatalogueTrack(string SpotifyId, string Name, string ArtistName, string AlbumName,
    int DurationMs);

internal sealed record CatalogueEpisode(string SpotifyId, string Name, string ShowName, int DurationMs);

/// <summary>
/// The invented music and podcasts a history is drawn from: about 30,000 tracks by 5,000 artists on
/// albums of ten, and a few dozen podcasts. Popularity is Zipf-like for tracks, artists and shows.
/// </summary>
internal sealed class SyntheticCatalogue
{
    private const int ArtistCount = 5_000;
    private const int TrackCount = 30_000;
    private const int TracksPerAlbum = 10;
    private const int ShowCount = 60;
    private const int EpisodesPerShow = 50;

    private readonly CatalogueTrack[] _tracksByPopularity;
    private readonly CatalogueEpisode[][] _episodesByShow;
    private readonly ZipfSampler _trackPopularity = new(TrackCount, exponent: 1.0);
    private readonly ZipfSampler _showPopularity = new(ShowCount, exponent: 1.0);

    private SyntheticCatalogue(CatalogueTrack[] tracksByPopularity, CatalogueEpisode[][] episodesByShow)
    {
        _tracksByPopularity = tracksByPopularity;
        _episodesByShow = episodesByShow;
    }

    public CatalogueTrack NextTrack(Random random) => _tracksByPopularity[_trackPopularity.Next(random)];

    public CatalogueEpisode NextEpisode(Random random)
    {
        var episodes = _episodesByShow[_showPopularity.Next(random)];
        return episodes[random.Next(episodes.Length)];
    }

    public static SyntheticCatalogue Create(Random random)
    {
        var artists = UniqueNames(ArtistCount, NameMaker.Artist, random);

        // Every artist has at least one track; the rest go mostly to a few prolific artists.
        var artistOfTrack = new ZipfSampler(ArtistCount, exponent: 0.9);
        var tracksOfArtist = new int[ArtistCount];
        var albumNames = new Dictionary<(int Artist, int Album), string>();
        var tracks = new CatalogueTrack[TrackCount];
        for (var i = 0; i < TrackCount; i++)
        {
            var artist = i < ArtistCount ? i : artistOfTrack.Next(random);
            var albumKey = (artist, tracksOfArtist[artist]++ / TracksPerAlbum);
            if (!albumNames.TryGetValue(albumKey, out var album))
            {
                albumNames[albumKey] = album = NameMaker.Title(random);
            }
            tracks[i] = new CatalogueTrack(NameMaker.SpotifyId(random), NameMaker.Title(random), artists[artist], album,
                random.Next(120_000, 360_000));
        }
        // Popularity ranks are independent of the order above, so hits come from artists big and small.
        random.Shuffle(tracks);

        var shows = UniqueNames(ShowCount, r => $"The {NameMaker.Word(r)} Podcast", random);
        var episodes = shows
            .Select(show => Enumerable.Range(1, EpisodesPerShow)
                .Select(number =>
                    new CatalogueEpisode(NameMaker.SpotifyId(random), $"#{number}: {NameMaker.Title(random)}", show,
                    random.Next(20 * 60_000, 90 * 60_000)))
                .ToArray())
            .ToArray();
        return new SyntheticCatalogue(tracks, episodes);
    }

    private static string[] UniqueNames(int count, Func<Random, string> make, Random random)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            names.Add(make(random));
        }
        return names.ToArray();
    }
}
