using System.Data.Common;
using System.Globalization;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Import;

/// <summary>
/// Finds or adds the catalogue entries an import's plays name (tracks, artists, albums, shows, episodes), by Spotify id
/// and by name, always among the importing user's own: each listener has a catalogue of their own. Ids found are kept
/// in memory for the rest of the import, so each name costs one query per import.
/// </summary>
internal sealed class ImportCatalogue(DbConnection connection, DbTransaction transaction, int userId)
{
    private readonly Dictionary<string, int> _artists = new(StringComparer.Ordinal);
    private readonly Dictionary<(int?, string), int> _albums = [];
    private readonly Dictionary<string, int> _tracksBySpotifyId = new(StringComparer.Ordinal);
    private readonly Dictionary<(int?, string), int> _tracksByName = [];
    private readonly Dictionary<(ShowKind, string), int> _shows = [];
    private readonly Dictionary<string, int> _episodesBySpotifyId = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, string), int> _episodesByName = [];

    /// <summary>The track or the episode a play of the export is a play of, added to the catalogue when new.</summary>
    public (int? TrackId, int? EpisodeId) Resolve(ExportItem item) => item switch
    {
        ExportTrack track => (ResolveTrack(track), null),
        ExportEpisode episode => (null, ResolveEpisode(episode)),
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    private int ResolveTrack(ExportTrack track)
    {
        if (track.SpotifyId is { } spotifyId)
        {
            if (_tracksBySpotifyId.TryGetValue(spotifyId, out var cached))
            {
                return cached;
            }
            var id = Scalar("SELECT id FROM tracks WHERE user_id = @user AND spotify_id = @spotify_id", ("@user", userId), ("@spotify_id", spotifyId))
                     ?? ResolveNamedTrack(track, ResolveArtist(track.ArtistName))
                     ?? InsertTrack(track, ResolveArtist(track.ArtistName));
            return _tracksBySpotifyId[spotifyId] = id;
        }

        var artistId = ResolveArtist(track.ArtistName);
        if (_tracksByName.TryGetValue((artistId, track.Name), out var byName))
        {
            return byName;
        }
        // Names only (account data, local files): reuse a known track of that artist and name, resolved first.
        var existing = Scalar($"""
            SELECT id FROM tracks WHERE user_id = @user AND {ArtistIs(artistId)} AND name = @name
            ORDER BY spotify_id IS NULL, id LIMIT 1
            """, ("@user", userId), ("@artist", artistId), ("@name", track.Name));
        return _tracksByName[(artistId, track.Name)] = existing ?? InsertTrack(track, artistId);
    }

    /// <summary>
    /// A track known so far only by name (from account data) that this record identifies: it gets the id, so
    /// its plays and this record's are plays of one track.
    /// </summary>
    private int? ResolveNamedTrack(ExportTrack track, int? artistId)
    {
        var id = Scalar($"SELECT id FROM tracks WHERE user_id = @user AND {ArtistIs(artistId)} AND name = @name AND spotify_id IS NULL LIMIT 1",
            ("@user", userId), ("@artist", artistId), ("@name", track.Name));
        if (id is not null)
        {
            var albumId = track.AlbumName is { } albumName ? ResolveAlbum(artistId, albumName) : (int?)null;
            Execute("UPDATE tracks SET spotify_id = @spotify_id, album_id = coalesce(album_id, @album) WHERE id = @id",
                ("@spotify_id", track.SpotifyId), ("@album", albumId), ("@id", id));
        }
        return id;
    }

    private int InsertTrack(ExportTrack track, int? artistId)
    {
        var albumId = track.AlbumName is { } albumName ? ResolveAlbum(artistId, albumName) : (int?)null;
        var id = Scalar("""
            INSERT INTO tracks (user_id, spotify_id, name, primary_artist_id, album_id, enrichment)
            VALUES (@user, @spotify_id, @name, @artist, @album, 0)
            RETURNING id
            """, ("@user", userId), ("@spotify_id", track.SpotifyId), ("@name", track.Name), ("@artist", artistId), ("@album", albumId))!.Value;
        if (artistId is not null)
        {
            Execute("INSERT INTO track_artists (track_id, artist_id, position) VALUES (@track, @artist, 0) ON CONFLICT DO NOTHING",
                ("@track", id), ("@artist", artistId));
        }
        return id;
    }

    private int? ResolveArtist(string? name)
    {
        if (name is null)
        {
            return null;
        }
        if (_artists.TryGetValue(name, out var cached))
        {
            return cached;
        }
        // The export names artists without ids: a known artist of that name (resolved first) is taken to be this one.
        var id = Scalar("SELECT id FROM artists WHERE user_id = @user AND name = @name ORDER BY spotify_id IS NULL, id LIMIT 1",
                     ("@user", userId), ("@name", name))
                 ?? Scalar("INSERT INTO artists (user_id, name, enrichment) VALUES (@user, @name, 0) RETURNING id",
                     ("@user", userId), ("@name", name))!.Value;
        return _artists[name] = id;
    }

    private int ResolveAlbum(int? artistId, string name)
    {
        if (_albums.TryGetValue((artistId, name), out var cached))
        {
            return cached;
        }
        var id = Scalar($"""
                     SELECT id FROM albums WHERE user_id = @user AND {ArtistIs(artistId)} AND name = @name
                     ORDER BY spotify_id IS NULL, id LIMIT 1
                     """, ("@user", userId), ("@artist", artistId), ("@name", name))
                 ?? Scalar("INSERT INTO albums (user_id, name, primary_artist_id, enrichment) VALUES (@user, @name, @artist, 0) RETURNING id",
                     ("@user", userId), ("@name", name), ("@artist", artistId))!.Value;
        return _albums[(artistId, name)] = id;
    }

    private int ResolveEpisode(ExportEpisode episode)
    {
        if (episode.SpotifyId is { } spotifyId && _episodesBySpotifyId.TryGetValue(spotifyId, out var cached))
        {
            return cached;
        }
        var showId = ResolveShow(episode);
        if (episode.SpotifyId is null && _episodesByName.TryGetValue((showId, episode.Name), out var byName))
        {
            return byName;
        }
        int? id;
        if (episode.SpotifyId is { } sid)
        {
            id = Scalar("SELECT id FROM episodes WHERE user_id = @user AND spotify_id = @spotify_id", ("@user", userId), ("@spotify_id", sid));
            // An episode known so far only by name (account data) gets its id, as tracks do.
            var named = id is null
                ? Scalar("SELECT id FROM episodes WHERE show_id = @show AND name = @name AND spotify_id IS NULL LIMIT 1",
                    ("@show", showId), ("@name", episode.Name))
                : null;
            if (named is not null)
            {
                Execute("UPDATE episodes SET spotify_id = @spotify_id WHERE id = @id", ("@spotify_id", sid), ("@id", named));
                id = named;
            }
        }
        else
        {
            id = Scalar("SELECT id FROM episodes WHERE show_id = @show AND name = @name ORDER BY spotify_id IS NULL, id LIMIT 1",
                ("@show", showId), ("@name", episode.Name));
        }
        id ??= Scalar("INSERT INTO episodes (user_id, spotify_id, name, show_id, enrichment) VALUES (@user, @spotify_id, @name, @show, 0) RETURNING id",
            ("@user", userId), ("@spotify_id", episode.SpotifyId), ("@name", episode.Name), ("@show", showId))!.Value;
        if (episode.SpotifyId is { } newId)
        {
            _episodesBySpotifyId[newId] = id.Value;
        }
        else
        {
            _episodesByName[(showId, episode.Name)] = id.Value;
        }
        return id.Value;
    }

    private int ResolveShow(ExportEpisode episode)
    {
        if (_shows.TryGetValue((episode.ShowKind, episode.ShowName), out var cached))
        {
            return cached;
        }
        var id = (episode.ShowSpotifyId is { } sid
                     ? Scalar("SELECT id FROM shows WHERE user_id = @user AND spotify_id = @spotify_id", ("@user", userId), ("@spotify_id", sid))
                     : null)
                 ?? Scalar("SELECT id FROM shows WHERE user_id = @user AND kind = @kind AND name = @name ORDER BY spotify_id IS NULL, id LIMIT 1",
                     ("@user", userId), ("@kind", (int)episode.ShowKind), ("@name", episode.ShowName))
                 ?? Scalar("""
                     INSERT INTO shows (user_id, spotify_id, name, kind, publisher, enrichment)
                     VALUES (@user, @spotify_id, @name, @kind, @publisher, 0)
                     RETURNING id
                     """, ("@user", userId), ("@spotify_id", episode.ShowSpotifyId), ("@name", episode.ShowName), ("@kind", (int)episode.ShowKind),
                     ("@publisher", episode.Publisher))!.Value;
        return _shows[(episode.ShowKind, episode.ShowName)] = id;
    }

    /// <summary>
    /// Matches the primary artist, or its absence. Spelled out rather than SQLite's <c>IS @artist</c>: PostgreSQL's
    /// <c>IS NOT DISTINCT FROM</c> cannot use an index, and these look-ups run once for every new name.
    /// </summary>
    private static string ArtistIs(int? artistId) => artistId is null ? "primary_artist_id IS NULL" : "primary_artist_id = @artist";

    private int? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters) =>
        DbCommands.Create(connection, transaction, sql, parameters);
}
