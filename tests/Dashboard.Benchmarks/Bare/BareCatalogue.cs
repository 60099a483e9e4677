using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Bare;

/// <summary>
/// Turns the names and Spotify ids of the export into catalogue row ids: an in-memory map per kind, and an
/// upsert with <c>RETURNING id</c> only on a miss. The rows are the ones the importer writes.
/// </summary>
internal sealed class BareCatalogue : IDisposable
{
    private const string TrackUriPrefix = "spotify:track:";
    private const string EpisodeUriPrefix = "spotify:episode:";

    // Keyed by what the export repeats verbatim (the whole URI), so a hit costs no substring.
    private readonly Dictionary<string, int> _tracksByUri = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _episodesByUri = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _artists = new(StringComparer.Ordinal);
    private readonly Dictionary<(int ArtistId, string Name), int> _albums = [];
    private readonly Dictionary<string, int> _shows = new(StringComparer.Ordinal);

    // The unique indexes of the schema are the conflict targets: a name or id already stored resolves to its row.
    private readonly int _userId;
    private readonly Statement _upsertArtist;
    private readonly Statement _upsertAlbum;
    private readonly Statement _upsertTrack;
    private readonly Statement _insertCredit;
    private readonly Statement _upsertShow;
    private readonly Statement _upsertEpisode;

    public BareCatalogue(SqliteConnection connection, int userId)
    {
        _userId = userId;
        _upsertArtist = new Statement(connection, """
            INSERT INTO artists (user_id, name, enrichment) VALUES ($user, $name, 0)
            ON CONFLICT (user_id, name) WHERE spotify_id IS NULL DO UPDATE SET name = excluded.name
            RETURNING id
            """, "$user", "$name");
        _upsertAlbum = new Statement(connection, """
            INSERT INTO albums (user_id, name, primary_artist_id, enrichment) VALUES ($user, $name, $artist, 0)
            ON CONFLICT (primary_artist_id, name) WHERE spotify_id IS NULL DO UPDATE SET name = excluded.name
            RETURNING id
            """, "$user", "$name", "$artist");
        _upsertTrack = new Statement(connection, """
            INSERT INTO tracks (user_id, spotify_id, name, primary_artist_id, album_id, enrichment)
            VALUES ($user, $spotify_id, $name, $artist, $album, 0)
            ON CONFLICT (user_id, spotify_id) DO UPDATE SET spotify_id = excluded.spotify_id
            RETURNING id
            """, "$user", "$spotify_id", "$name", "$artist", "$album");
        _insertCredit = new Statement(connection,
            "INSERT INTO track_artists (track_id, artist_id, position) VALUES ($track, $artist, 0) " +
            "ON CONFLICT DO NOTHING",
            "$track", "$artist");
        _upsertShow = new Statement(connection, """
            INSERT INTO shows (user_id, name, kind, enrichment) VALUES ($user, $name, 0, 0)
            ON CONFLICT (user_id, kind, name) WHERE spotify_id IS NULL DO UPDATE SET name = excluded.name
            RETURNING id
            """, "$user", "$name");
        _upsertEpisode = new Statement(connection, """
            INSERT INTO episodes (user_id, spotify_id, name, show_id, enrichment) VALUES ($user, $spotify_id, $name,
                $show, 0)
            ON CONFLICT (user_id, spotify_id) DO UPDATE SET spotify_id = excluded.spotify_id
            RETURNING id
            """, "$user", "$spotify_id", "$name", "$show");
    }

    private IEnumerable<Statement> Statements =>
        [_upsertArtist, _upsertAlbum, _upsertTrack, _insertCredit, _upsertShow, _upsertEpisode];

    public SqliteTransaction Transaction
    {
        set
        {
            foreach (var statement in Statements)
            {
                statement.Transaction = value;
            }
        }
    }

    public int TrackId(BareRecord record)
    {
        var uri = record.TrackUri!;
        if (_tracksByUri.TryGetValue(uri, out var id))
        {
            return id;
        }
        var artistId = ArtistId(record.ArtistName!);
        var albumId = AlbumId(artistId, record.AlbumName!);
        id = _upsertTrack.ExecuteId(_userId, uri[TrackUriPrefix.Length..], record.TrackName, artistId, albumId);
        _insertCredit.Execute(id, artistId);
        return _tracksByUri[uri] = id;
    }

    public int EpisodeId(BareRecord record)
    {
        var uri = record.EpisodeUri!;
        if (_episodesByUri.TryGetValue(uri, out var id))
        {
            return id;
        }
        var showId = ShowId(record.ShowName!);
        id = _upsertEpisode.ExecuteId(_userId, uri[EpisodeUriPrefix.Length..], record.EpisodeName, showId);
        return _episodesByUri[uri] = id;
    }

    private int ArtistId(string name)
    {
        if (!_artists.TryGetValue(name, out var id))
        {
            _artists[name] = id = _upsertArtist.ExecuteId(_userId, name);
        }
        return id;
    }

    private int AlbumId(int artistId, string name)
    {
        if (!_albums.TryGetValue((artistId, name), out var id))
        {
            _albums[(artistId, name)] = id = _upsertAlbum.ExecuteId(_userId, name, artistId);
        }
        return id;
    }

    private int ShowId(string name)
    {
        if (!_shows.TryGetValue(name, out var id))
        {
            _shows[name] = id = _upsertShow.ExecuteId(_userId, name);
        }
        return id;
    }

    public void Dispose()
    {
        foreach (var statement in Statements)
        {
            statement.Dispose();
        }
    }
}
