using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>
/// Brings what the Web API says about tracks, albums and artists into one user's catalogue. Rows the user's export
/// created by name get their Spotify ids here, so plays from both sources end up on the same rows. Only the user's own
/// rows are read or written: another user's artist of the same name is another artist.
/// </summary>
/// <remarks>
/// Every row it reads or adds is kept by Spotify id (and the export's rows without one by name), so a page of items is
/// read in one query per kind (<see cref="LoadAsync"/>) instead of one or two per item; an item no load covered is read
/// on its own.
/// </remarks>
/// <param name="changes">Where the changes to stored tracks are noted, as each is made, for the figures to
/// follow.</param>
internal sealed class SpotifyCatalogue(DashboardDbContext db, int userId, TimeProvider clock,
    CatalogueChanges? changes = null)
{
    private readonly Dictionary<string, Artist> _artists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Artist> _unlinkedArtists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Album> _albums = new(StringComparer.Ordinal);
    private readonly Dictionary<(int ArtistId, string Name), Album> _unlinkedAlbums = [];
    private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);
    private readonly Dictionary<(int ArtistId, string Name), Track> _unlinkedTracks = [];

    // What the loads have covered: a key read once is known to be stored or not.
    private readonly HashSet<string> _artistKeysRead = new(StringComparer.Ordinal);
    private readonly HashSet<string> _albumKeysRead = new(StringComparer.Ordinal);
    private readonly HashSet<string> _trackKeysRead = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the stored rows the given items may be, by Spotify id or (for the export's rows) by name, in one query per
    /// kind: the artists credited anywhere among them, the tracks' albums and the tracks.
    /// </summary>
    public async Task LoadAsync(IReadOnlyCollection<SpotifyTrack> tracks,
        IReadOnlyCollection<SpotifyAlbumSummary> albums,
        IReadOnlyCollection<SpotifyArtistSummary> artists, CancellationToken cancellationToken)
    {
        var allAlbums = albums.Concat(tracks.Select(t => t.Album)).ToList();
        var allArtists = artists.Concat(tracks.SelectMany(t => t.Artists))
            .Concat(allAlbums.SelectMany(a => a.Artists ?? [])).ToList();
        await ReadArtistsAsync(allArtists.Select(a => a.Id), allArtists.Select(a => a.Name), cancellationToken);
        await ReadAlbumsAsync(allAlbums.Select(a => a.Id), allAlbums.Select(a => a.Name), cancellationToken);
        await ReadTracksAsync(tracks.Select(t => t.Id), tracks.Select(t => t.Name), cancellationToken);
    }

    /// <summary>The track, created or completed from a full track object: album, every artist, length, ISRC.</summary>
    public async Task<Track> UpsertTrackAsync(SpotifyTrack source, CancellationToken cancellationToken)
    {
        var artists = new List<Artist>();
        foreach (var credit in source.Artists)
        {
            artists.Add(await UpsertArtistAsync(credit.Id, credit.Name, cancellationToken));
        }
        var primary = artists.FirstOrDefault();
        var album = await UpsertAlbumAsync(source.Album, primary, cancellationToken);

        await ReadTracksAsync([source.Id], [source.Name], cancellationToken);
        var track = _tracks.GetValueOrDefault(source.Id) ?? Unlinked(_unlinkedTracks, primary, source.Name);
        if (track is null)
        {
            track = new Track { UserId = userId, Name = source.Name };
            db.Tracks.Add(track);
        }
        Link(_tracks, _unlinkedTracks, track, source.Id, track.PrimaryArtistId);
        var creditsBefore = Credits(track.AlbumId, track.Artists.OrderBy(a => a.Position).Select(a => a.ArtistId));
        var lengthBefore = track.DurationMs;
        track.SpotifyId = source.Id;
        track.Name = source.Name;
        track.DurationMs = source.DurationMs;
        track.Explicit = source.Explicit;
        track.Isrc = source.Isrc ?? track.Isrc;
        track.Album = album;
        track.PrimaryArtist = primary;
        track.Artists.Clear();
        track.Artists.AddRange(
            artists.Select((artist, index) => new TrackArtist { Artist = artist, Position = index }));
        track.Enrichment = EnrichmentState.Done;
        track.EnrichedAt = clock.GetUtcNow().UtcDateTime;
        // A new track has no plays yet. New artists and albums have no id yet, so they count as a change.
        if (track.Id != 0 && changes is not null)
        {
            if (creditsBefore != Credits(album.Id, artists.Select(a => a.Id)))
            {
                changes.Recredited.Add(track.Id);
            }
            if (lengthBefore != track.DurationMs)
            {
                changes.Relengthened.Add(track.Id);
            }
        }
        return track;
    }

    private static string Credits(int? albumId, IEnumerable<int> artistIds) =>
        $"{albumId}:{string.Join(',', artistIds)}";

    public async Task<Artist> UpsertArtistAsync(string spotifyId, string name, CancellationToken cancellationToken)
    {
        await ReadArtistsAsync([spotifyId], [name], cancellationToken);
        var artist = _artists.GetValueOrDefault(spotifyId) ?? _unlinkedArtists.GetValueOrDefault(name);
        if (artist is null)
        {
            artist = new Artist { UserId = userId, Name = name };
            db.Artists.Add(artist);
        }
        else if (artist.SpotifyId is null)
        {
            _unlinkedArtists.Remove(artist.Name);
        }
        _artists[spotifyId] = artist;
        artist.SpotifyId = spotifyId;
        artist.Name = name;
        return artist;
    }

    /// <summary>Adds what only a full artist object has: images and genres.</summary>
    public async Task<Artist> CompleteArtistAsync(SpotifyArtist source, CancellationToken cancellationToken)
    {
        var artist = await UpsertArtistAsync(source.Id, source.Name, cancellationToken);
        artist.ImageUrl = Largest(source.Images) ?? artist.ImageUrl;
        artist.Genres = source.Genres is { Count: > 0 } genres ? string.Join(", ", genres) : artist.Genres;
        artist.Enrichment = EnrichmentState.Done;
        artist.EnrichedAt = clock.GetUtcNow().UtcDateTime;
        return artist;
    }

    public async Task<Album> UpsertAlbumAsync(SpotifyAlbumSummary source, Artist? primary,
        CancellationToken cancellationToken)
    {
        await ReadAlbumsAsync([source.Id], [source.Name], cancellationToken);
        // An album the export made by name is the user's through its primary artist.
        var album = _albums.GetValueOrDefault(source.Id) ?? Unlinked(_unlinkedAlbums, primary, source.Name);
        if (album is null)
        {
            album = new Album { UserId = userId, Name = source.Name };
            db.Albums.Add(album);
        }
        Link(_albums, _unlinkedAlbums, album, source.Id, album.PrimaryArtistId);
        album.SpotifyId = source.Id;
        album.Name = source.Name;
        album.PrimaryArtist ??= primary;
        album.ImageUrl = Largest(source.Images) ?? album.ImageUrl;
        album.ReleaseDate = source.ReleaseDate;
        if (album.ImageUrl is not null)
        {
            album.Enrichment = EnrichmentState.Done;
            album.EnrichedAt = clock.GetUtcNow().UtcDateTime;
        }
        return album;
    }

    /// <summary>
    /// An album from a full album object (a look-up, the saved albums), credited to its first artist.
    /// </summary>
    public async Task<Album> UpsertAlbumAsync(SpotifyAlbum source, CancellationToken cancellationToken)
    {
        var primary = source.Artists is [var first, ..]
            ? await UpsertArtistAsync(first.Id, first.Name, cancellationToken) : null;
        return await UpsertAlbumAsync(source.AsSummary(), primary, cancellationToken);
    }

    /// <summary>The album from a look-up: done even without artwork, since Spotify has said all it knows.</summary>
    public async Task<Album> CompleteAlbumAsync(SpotifyAlbum source, CancellationToken cancellationToken)
    {
        var album = await UpsertAlbumAsync(source, cancellationToken);
        album.Enrichment = EnrichmentState.Done;
        album.EnrichedAt = clock.GetUtcNow().UtcDateTime;
        return album;
    }

    /// <summary>The row the export made by name for this primary artist, if any; a new artist has none.</summary>
    private static T? Unlinked<T>(Dictionary<(int ArtistId, string Name), T> unlinked, Artist? primary,
        string name) where T : class =>
        primary is { Id: not 0 } ? unlinked.GetValueOrDefault((primary.Id, name)) : null;

    /// <summary>
    /// Keeps <paramref name="entry"/> under its Spotify id from now on, and no longer under its export name.
    /// </summary>
    private static void Link<T>(Dictionary<string, T> linked, Dictionary<(int ArtistId, string Name), T> unlinked,
        T entry, string spotifyId,
        int? primaryArtistId) where T : class, ICatalogueEntry
    {
        if (entry.SpotifyId is null && primaryArtistId is { } artistId)
        {
            unlinked.Remove((artistId, entry.Name));
        }
        linked[spotifyId] = entry;
    }

    private Task ReadArtistsAsync(IEnumerable<string> spotifyIds, IEnumerable<string> names,
        CancellationToken cancellationToken) =>
        ReadAsync(db.Artists, _artistKeysRead, spotifyIds, names, _artists,
            artist => _unlinkedArtists.TryAdd(artist.Name, artist), cancellationToken);

    private Task ReadAlbumsAsync(IEnumerable<string> spotifyIds, IEnumerable<string> names,
        CancellationToken cancellationToken) =>
        ReadAsync(db.Albums, _albumKeysRead, spotifyIds, names, _albums,
            album =>
            {
                if (album.PrimaryArtistId is { } artistId)
                {
                    _unlinkedAlbums.TryAdd((artistId, album.Name), album);
                }
            }, cancellationToken);

    private Task ReadTracksAsync(IEnumerable<string> spotifyIds, IEnumerable<string> names,
        CancellationToken cancellationToken) =>
        ReadAsync(db.Tracks.Include(t => t.Artists), _trackKeysRead, spotifyIds, names, _tracks,
            track =>
            {
                if (track.PrimaryArtistId is { } artistId)
                {
                    _unlinkedTracks.TryAdd((artistId, track.Name), track);
                }
            }, cancellationToken);

    /// <summary>
    /// Reads the user's rows of one kind with the given Spotify ids, or without one and of the given names, that no
    /// read covered before: those with an id are kept under it, the others by <paramref name="keepUnlinked"/>.
    /// </summary>
    private async Task ReadAsync<T>(IQueryable<T> entries, HashSet<string> read, IEnumerable<string> spotifyIds,
        IEnumerable<string> names,
        Dictionary<string, T> linked, Action<T> keepUnlinked, CancellationToken cancellationToken) where T : class,
        ICatalogueEntry
    {
        var (ids, unreadNames) = Unread(read, spotifyIds, names);
        if (ids.Count == 0 && unreadNames.Count == 0)
        {
            return;
        }
        var rows = await entries
            .Where(e => e.UserId == userId
                && (ids.Contains(e.SpotifyId!) || (e.SpotifyId == null && unreadNames.Contains(e.Name))))
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            // A row linked earlier in this run comes back as the tracked object, under its new id.
            if (row.SpotifyId is { } id)
            {
                linked.TryAdd(id, row);
            }
            else
            {
                keepUnlinked(row);
            }
        }
    }

    /// <summary>The ids and names not read before, now marked read (in one set, told apart by a prefix).</summary>
    private static (List<string> Ids, List<string> Names) Unread(HashSet<string> read, IEnumerable<string> spotifyIds,
        IEnumerable<string> names) =>
        (spotifyIds.Where(id => read.Add("id:" + id)).ToList(), names.Where(name => read.Add("name:" + name)).ToList());

    /// <summary>Spotify lists images largest first.</summary>
    private static string? Largest(IReadOnlyList<SpotifyImage>? images) => images is [var first, ..] ? first.Url : null;
}

/// <summary>
/// What a sync learnt about tracks already stored, noted as each is written so that a run that stops halfway still
/// knows: the figures of the plays stored before must follow.
/// </summary>
internal sealed class CatalogueChanges
{
    /// <summary>Tracks with other artists or another album now: plays move between artist and album totals.</summary>
    public HashSet<int> Recredited { get; } = [];

    /// <summary>
    /// Tracks with a new length: under the half-the-track rule, which of their plays count may change.
    /// </summary>
    public HashSet<int> Relengthened { get; } = [];
}
