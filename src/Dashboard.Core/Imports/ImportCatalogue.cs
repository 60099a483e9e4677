using System.Data.Common;
using System.Globalization;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Imports;

/// <summary>
/// Finds or adds the catalogue entries an import's plays name (tracks, artists, albums, shows, episodes), by Spotify id
/// and by name, always among the importing user's own: each listener has a catalogue of their own. The user's artists,
/// albums and tracks, most of what an export names, are read in three queries when the import starts and kept in
/// memory with what it adds, so a new one costs its inserts alone; shows and episodes, fewer, are looked up once each.
/// </summary>
internal sealed class ImportCatalogue
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly int _userId;

    // Each name's entry as the look-ups by name choose it: one with a Spotify id first, then the oldest.
    private readonly Dictionary<string, int> _artists = new(StringComparer.Ordinal);
    private readonly Dictionary<(int?, string), int> _albums = [];
    private readonly Dictionary<(int?, string), int> _tracksByName = [];
    private readonly Dictionary<string, int> _tracksBySpotifyId = new(StringComparer.Ordinal);
    // Tracks known so far only by name (account data), which a record with the same name and a Spotify id completes.
    private readonly Dictionary<(int?, string), int> _tracksWithoutSpotifyId = [];
    private readonly Dictionary<(ShowKind, string), int> _shows = [];
    private readonly Dictionary<string, int> _episodesBySpotifyId = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, string), int> _episodesByName = [];

    public ImportCatalogue(DbConnection connection, DbTransaction transaction, int userId)
    {
        (_connection, _transaction, _userId) = (connection, transaction, userId);
        Read("SELECT id, name FROM artists WHERE user_id = @user ORDER BY spotify_id IS NULL, id",
            row => _artists.TryAdd(row.GetString(1), row.GetInt32(0)));
        Read("SELECT id, primary_artist_id, name FROM albums WHERE user_id = @user ORDER BY spotify_id IS NULL, id",
            row => _albums.TryAdd((NullableInt(row, 1), row.GetString(2)), row.GetInt32(0)));
        Read("SELECT id, primary_artist_id, name, spotify_id FROM tracks WHERE user_id = @user " +
            "ORDER BY spotify_id IS NULL, id", row =>
        {
            var (id, key) = (row.GetInt32(0), (NullableInt(row, 1), row.GetString(2)));
            _tracksByName.TryAdd(key, id);
            if (row.IsDBNull(3))
            {
                _tracksWithoutSpotifyId.TryAdd(key, id);
            }
            else
            {
                _tracksBySpotifyId.TryAdd(row.GetString(3), id);
            }
        });
    }

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
            if (_tracksBySpotifyId.TryGetValue(spotifyId, out var known))
            {
                return known;
            }
            var artist = ResolveArtist(track.ArtistName);
            return _tracksBySpotifyId[spotifyId] = ResolveNamedTrack(track, artist) ?? InsertTrack(track, artist);
        }

        // Names only (account data, local files): reuse a known track of that artist and name, resolved first.
        var artistId = ResolveArtist(track.ArtistName);
        return _tracksByName.TryGetValue((artistId, track.Name), out var byName) ? byName
            : InsertTrack(track, artistId);
    }

    /// <summary>
    /// A track known so far only by name (from account data) that this record identifies: it gets the id, so
    /// its plays and this record's are plays of one track.
    /// </summary>
    private int? ResolveNamedTrack(ExportTrack track, int? artistId)
    {
        var key = (artistId, track.Name);
        if (!_tracksWithoutSpotifyId.Remove(key, out var id))
        {
            return null;
        }
        // Now one with a Spotify id, it comes before any later one of the name.
        _tracksByName[key] = Math.Min(_tracksByName.GetValueOrDefault(key, id), id);
        var albumId = track.AlbumName is { } albumName ? ResolveAlbum(artistId, albumName) : (int?)null;
        Execute("UPDATE tracks SET spotify_id = @spotify_id, album_id = coalesce(album_id, @album) WHERE id = @id",
            ("@spotify_id", track.SpotifyId), ("@album", albumId), ("@id", id));
        return id;
    }

    private int InsertTrack(ExportTrack track, int? artistId)
    {
        var albumId = track.AlbumName is { } albumName ? ResolveAlbum(artistId, albumName) : (int?)null;
        var id = Scalar("""
            INSERT INTO tracks (user_id, spotify_id, name, primary_artist_id, album_id, enrichment)
            VALUES (@user, @spotify_id, @name, @artist, @album, 0)
            RETURNING id
            """, ("@user", _userId), ("@spotify_id", track.SpotifyId), ("@name", track.Name), ("@artist", artistId),
            ("@album", albumId))!.Value;
        // As the look-ups by name would find it from now on: after any entry of the name with a Spotify id.
        _tracksByName.TryAdd((artistId, track.Name), id);
        if (track.SpotifyId is null)
        {
            _tracksWithoutSpotifyId[(artistId, track.Name)] = id;
        }
        if (artistId is not null)
        {
            Execute("INSERT INTO track_artists (track_id, artist_id, position) VALUES (@track, @artist, 0) " +
                "ON CONFLICT DO NOTHING",
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
        // The export names artists without ids: a known artist of that name (resolved first) is taken to be this one.
        if (_artists.TryGetValue(name, out var known))
        {
            return known;
        }
        return _artists[name] =
            Scalar("INSERT INTO artists (user_id, name, enrichment) VALUES (@user, @name, 0) RETURNING id",
            ("@user", _userId), ("@name", name))!.Value;
    }

    private int ResolveAlbum(int? artistId, string name)
    {
        if (_albums.TryGetValue((artistId, name), out var known))
        {
            return known;
        }
        return _albums[(artistId, name)] = Scalar(
            "INSERT INTO albums (user_id, name, primary_artist_id, enrichment) VALUES (@user, @name, @artist, 0) " +
            "RETURNING id",
            ("@user", _userId), ("@name", name), ("@artist", artistId))!.Value;
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
            id = Scalar("SELECT id FROM episodes WHERE user_id = @user AND spotify_id = @spotify_id",
                ("@user", _userId), ("@spotify_id", sid));
            // An episode known so far only by name (account data) gets its id, as tracks do.
            var named = id is null
                ? Scalar(
                    "SELECT id FROM episodes WHERE show_id = @show AND name = @name AND spotify_id IS NULL LIMIT 1",
                    ("@show", showId), ("@name", episode.Name))
                : null;
            if (named is not null)
            {
                Execute("UPDATE episodes SET spotify_id = @spotify_id WHERE id = @id", ("@spotify_id", sid),
                    ("@id", named));
                id = named;
            }
        }
        else
        {
            id = Scalar(
                "SELECT id FROM episodes WHERE show_id = @show AND name = @name ORDER BY spotify_id IS NULL, id " +
                "LIMIT 1",
                ("@show", showId), ("@name", episode.Name));
        }
        id ??= Scalar(
            "INSERT INTO episodes (user_id, spotify_id, name, show_id, enrichment) VALUES (@user, @spotify_id, " +
            "@name, @show, 0) RETURNING id",
            ("@user", _userId), ("@spotify_id", episode.SpotifyId), ("@name", episode.Name), ("@show", showId))!.Value;
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
                     ? Scalar("SELECT id FROM shows WHERE user_id = @user AND spotify_id = @spotify_id",
                         ("@user", _userId), ("@spotify_id", sid))
                     : null)
                 ?? Scalar(
                     "SELECT id FROM shows WHERE user_id = @user AND kind = @kind AND name = @name " +
                     "ORDER BY spotify_id IS NULL, id LIMIT 1",
                     ("@user", _userId), ("@kind", (int)episode.ShowKind), ("@name", episode.ShowName))
                 ?? Scalar("""
                     INSERT INTO shows (user_id, spotify_id, name, kind, publisher, enrichment)
                     VALUES (@user, @spotify_id, @name, @kind, @publisher, 0)
                     RETURNING id
                     """, ("@user", _userId), ("@spotify_id", episode.ShowSpotifyId), ("@name", episode.ShowName),
                     ("@kind", (int)episode.ShowKind),
                     ("@publisher", episode.Publisher))!.Value;
        return _shows[(episode.ShowKind, episode.ShowName)] = id;
    }

    private void Read(string sql, Action<DbDataReader> row)
    {
        using var command = Command(sql, [("@user", _userId)]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    private static int? NullableInt(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null
        : row.GetInt32(ordinal);

    private int? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() is { } value and not DBNull
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters) =>
        DbCommands.Create(_connection, _transaction, sql, parameters);
}
