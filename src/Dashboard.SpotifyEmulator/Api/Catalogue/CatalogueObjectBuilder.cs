using System.Globalization;
using Dashboard.SpotifyEmulator.Demo;

namespace Dashboard.SpotifyEmulator.Api.Catalogue;

/// <summary>Turns the generated catalogue into the Web API's objects, with links to this emulator.</summary>
internal sealed class CatalogueObjectBuilder(DemoCatalog catalog, string baseUrl)
{
    /// <summary>How many tracks an album object embeds, as Spotify does.</summary>
    private const int EmbeddedTrackLimit = 50;

    public ArtistObject Artist(DemoArtist artist) => new(
        Link("artist", artist.Id), [artist.Genre], Href("artists", artist.Id), artist.Id,
        Images("artist", artist.Id), artist.Name, Uri("artist", artist.Id));

    public SimplifiedArtistObject SimplifiedArtist(DemoArtist artist) =>
        new(Link("artist", artist.Id), Href("artists", artist.Id), artist.Id, artist.Name, Uri("artist", artist.Id));

    public SimplifiedAlbumObject SimplifiedAlbum(DemoAlbum album)
    {
        var (releaseDate, precision) = ReleaseDate(album);
        return new SimplifiedAlbumObject
        {
            AlbumType = album.AlbumType,
            TotalTracks = album.Tracks.Count,
            ExternalUrls = Link("album", album.Id),
            Href = Href("albums", album.Id),
            Id = album.Id,
            Images = Images("album", album.Id),
            Name = album.Name,
            ReleaseDate = releaseDate,
            ReleaseDatePrecision = precision,
            Uri = Uri("album", album.Id),
            Artists = [SimplifiedArtist(album.Artist)],
        };
    }

    public AlbumObject Album(DemoAlbum album)
    {
        var simplified = SimplifiedAlbum(album);
        var year = simplified.ReleaseDate[..4];
        var tracksUrl = $"{baseUrl}/v1/albums/{album.Id}/tracks";
        return new AlbumObject
        {
            AlbumType = simplified.AlbumType,
            TotalTracks = simplified.TotalTracks,
            ExternalUrls = simplified.ExternalUrls,
            Href = simplified.Href,
            Id = simplified.Id,
            Images = simplified.Images,
            Name = simplified.Name,
            ReleaseDate = simplified.ReleaseDate,
            ReleaseDatePrecision = simplified.ReleaseDatePrecision,
            Uri = simplified.Uri,
            Artists = simplified.Artists,
            Tracks = Paging.Page(tracksUrl, album.Tracks.Select(SimplifiedTrack).ToList(), EmbeddedTrackLimit, 0),
            Copyrights = [new($"© {year} {album.Artist.Name}", "C"), new($"℗ {year} {album.Artist.Name}", "P")],
            ExternalIds = new AlbumExternalIds(Upc(album.Id)),
            Label = $"{album.Artist.Name} Records",
        };
    }

    public SimplifiedTrackObject SimplifiedTrack(DemoTrack track) => new()
    {
        Artists = TrackArtists(track),
        DurationMs = track.DurationMs,
        Explicit = track.Explicit,
        ExternalUrls = Link("track", track.Id),
        Href = Href("tracks", track.Id),
        Id = track.Id,
        Name = track.Name,
        TrackNumber = track.TrackNumber,
        Uri = Uri("track", track.Id),
    };

    public TrackObject Track(DemoTrack track) => new()
    {
        Album = SimplifiedAlbum(catalog.AlbumOf(track)),
        Artists = TrackArtists(track),
        DurationMs = track.DurationMs,
        Explicit = track.Explicit,
        ExternalIds = new TrackExternalIds(track.Isrc),
        ExternalUrls = Link("track", track.Id),
        Href = Href("tracks", track.Id),
        Id = track.Id,
        Name = track.Name,
        TrackNumber = track.TrackNumber,
        Uri = Uri("track", track.Id),
    };

    public EpisodeObject Episode(DemoEpisode episode)
    {
        var show = catalog.Shows.First(s => s.Id == episode.ShowId);
        var description = show.IsAudiobook ? $"{episode.Name} of {show.Name}."
            : $"Episode {episode.Number} of {show.Name}.";
        return new EpisodeObject
        {
            Description = description,
            HtmlDescription = $"<p>{System.Net.WebUtility.HtmlEncode(description)}</p>",
            DurationMs = episode.DurationMs,
            ExternalUrls = Link("episode", episode.Id),
            Href = Href("episodes", episode.Id),
            Id = episode.Id,
            Images = Images("show", show.Id),
            Name = episode.Name,
            ReleaseDate = episode.ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Uri = Uri("episode", episode.Id),
            Show = SimplifiedShow(show),
        };
    }

    public IReadOnlyList<ImageObject> AlbumImages(string albumId) => Images("album", albumId);

    /// <summary>The object for a play's item: a track or an episode.</summary>
    public object Item(DemoPlay play) => play.Track is { } track ? Track(track) : Episode(play.Episode!);

    private SimplifiedShowObject SimplifiedShow(DemoShow show)
    {
        var description = show.IsAudiobook ? $"An audiobook read by {show.Publisher}."
            : $"A podcast hosted by {show.Publisher}.";
        return new SimplifiedShowObject
        {
            Description = description,
            HtmlDescription = $"<p>{System.Net.WebUtility.HtmlEncode(description)}</p>",
            ExternalUrls = Link("show", show.Id),
            Href = Href("shows", show.Id),
            Id = show.Id,
            Images = Images("show", show.Id),
            Name = show.Name,
            TotalEpisodes = show.Episodes.Count,
            Uri = Uri("show", show.Id),
        };
    }

    private List<SimplifiedArtistObject> TrackArtists(DemoTrack track) =>
        track.Featured.Prepend(track.Artist).Select(SimplifiedArtist).ToList();

    /// <summary>
    /// Older releases in Spotify's catalogue often carry only a year; the demo does the same for those before 2010
    /// so that clients meet every precision.
    /// </summary>
    private static (string Date, string Precision) ReleaseDate(DemoAlbum album) =>
        string.CompareOrdinal(album.ReleaseDate, "2010") < 0 ? (album.ReleaseDate[..4], "year")
            : (album.ReleaseDate, "day");

    /// <summary>A stable 12-digit UPC made from the album id.</summary>
    private static string Upc(string albumId)
    {
        var hash = albumId.Aggregate(7UL, (h, c) => unchecked(h * 131 + c));
        return (hash % 1_000_000_000_000UL).ToString("D12", CultureInfo.InvariantCulture);
    }

    /// <summary>Spotify lists artwork widest first; the generated SVG scales to each size.</summary>
    private IReadOnlyList<ImageObject> Images(string kind, string id)
    {
        var url = $"{baseUrl}/images/{kind}/{id}.svg";
        return [new(url, 640, 640), new(url, 300, 300), new(url, 64, 64)];
    }

    private static ExternalUrls Link(string type, string id) => new($"https://open.spotify.com/{type}/{id}");

    private string Href(string collection, string id) => $"{baseUrl}/v1/{collection}/{id}";

    private static string Uri(string type, string id) => $"spotify:{type}:{id}";
}
