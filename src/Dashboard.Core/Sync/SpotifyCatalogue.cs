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
/// <param name="changes">Where the changes to stored tracks are noted, as each is made, for the figures to follow.</param>
internal sealed class SpotifyCatalogue(DashboardDbContext db, int userId, TimeProvider clock, CatalogueChanges? changes = null)
{
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

        var track = await db.Tracks.Include(t => t.Artists)
                        .SingleOrDefaultAsync(t => t.UserId == userId && t.SpotifyId == source.Id, cancellationToken)
                    ?? await db.Tracks.Include(t => t.Artists)
                        .Where(t => t.UserId == userId && t.SpotifyId == null && t.Name == source.Name && t.PrimaryArtistId == primary!.Id)
                        .FirstOrDefaultAsync(cancellationToken);
        if (track is null)
        {
            track = new Track { UserId = userId, Name = source.Name };
            db.Tracks.Add(track);
        }
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
        track.Artists.AddRange(artists.Select((artist, index) => new TrackArtist { Artist = artist, Position = index }));
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

    private static string Credits(int? albumId, IEnumerable<int> artistIds) => $"{albumId}:{string.Join(',', artistIds)}";

    public async Task<Artist> UpsertArtistAsync(string spotifyId, string name, CancellationToken cancellationToken)
    {
        var artist = db.Artists.Local.FirstOrDefault(a => a.UserId == userId && a.SpotifyId == spotifyId)
                     ?? await db.Artists.SingleOrDefaultAsync(a => a.UserId == userId && a.SpotifyId == spotifyId, cancellationToken)
                     ?? db.Artists.Local.FirstOrDefault(a => a.UserId == userId && a.SpotifyId == null && a.Name == name)
                     ?? await db.Artists.FirstOrDefaultAsync(a => a.UserId == userId && a.SpotifyId == null && a.Name == name, cancellationToken);
        if (artist is null)
        {
            artist = new Artist { UserId = userId, Name = name };
            db.Artists.Add(artist);
        }
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

    public async Task<Album> UpsertAlbumAsync(SpotifyAlbumSummary source, Artist? primary, CancellationToken cancellationToken)
    {
        var album = db.Albums.Local.FirstOrDefault(a => a.UserId == userId && a.SpotifyId == source.Id)
                    ?? await db.Albums.SingleOrDefaultAsync(a => a.UserId == userId && a.SpotifyId == source.Id, cancellationToken)
                    ?? (primary is null
                        ? null
                        // The primary artist is the user's own, and with it the album.
                        : db.Albums.Local.FirstOrDefault(a => a.SpotifyId == null && a.Name == source.Name && a.PrimaryArtist == primary)
                          ?? await db.Albums.FirstOrDefaultAsync(a => a.SpotifyId == null && a.Name == source.Name && a.PrimaryArtistId == primary.Id,
                              cancellationToken));
        if (album is null)
        {
            album = new Album { UserId = userId, Name = source.Name };
            db.Albums.Add(album);
        }
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

    /// <summary>An album from a full album object (a look-up, the saved albums), credited to its first artist.</summary>
    public async Task<Album> UpsertAlbumAsync(SpotifyAlbum source, CancellationToken cancellationToken)
    {
        var primary = source.Artists is [var first, ..] ? await UpsertArtistAsync(first.Id, first.Name, cancellationToken) : null;
        return await UpsertAlbumAsync(new SpotifyAlbumSummary(source.Id, source.Name, source.Images, source.ReleaseDate,
            source.ReleaseDatePrecision, source.Artists), primary, cancellationToken);
    }

    /// <summary>The album from a look-up: done even without artwork, since Spotify has said all it knows.</summary>
    public async Task<Album> CompleteAlbumAsync(SpotifyAlbum source, CancellationToken cancellationToken)
    {
        var album = await UpsertAlbumAsync(source, cancellationToken);
        album.Enrichment = EnrichmentState.Done;
        album.EnrichedAt = clock.GetUtcNow().UtcDateTime;
        return album;
    }

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

    /// <summary>Tracks with a new length: under the half-the-track rule, which of their plays count may change.</summary>
    public HashSet<int> Relengthened { get; } = [];
}
