using Dashboard.Core.Spotify;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Faults;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>Normal calls of each kind read Spotify's answers into the app's records.</summary>
public sealed class SpotifyClientReadTests : IAsyncLifetime
{
    private SpotifyTestBed _bed = default!;
    private int _userId;

    public async ValueTask InitializeAsync()
    {
        _bed = await SpotifyTestBed.StartAsync();
        _userId = await _bed.SignInAsync();
    }

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Profile_is_the_signed_in_listener()
    {
        var profile = await _bed.Client.GetProfileAsync(_userId, Ct);

        Assert.Equal(SpotifyEmulatorServer.DemoUserId, profile.Id);
        Assert.Equal("Demo Listener", profile.DisplayName);
        Assert.Equal("premium", profile.Product);
        Assert.NotNull(profile.ImageUrl);
    }

    [Fact]
    public async Task Recently_played_gives_tracks_with_album_artists_isrc_and_cursors_newest_first()
    {
        var page = await _bed.Client.GetRecentlyPlayedAsync(_userId, RecentlyPlayedQuery.Latest(20), Ct);

        Assert.Equal(20, page.Items.Count);
        Assert.Equal(0, page.SkippedItems);
        Assert.True(page.HasOlder);
        Assert.Equal(page.Items.Select(p => p.PlayedAt).OrderDescending(), page.Items.Select(p => p.PlayedAt));
        Assert.All(page.Items, play => Assert.True(play.PlayedAt <= _bed.Now));
        var newest = page.Items[0];
        var known = _bed.State.Catalog.FindTrack(newest.Track.Id)!;
        Assert.Equal(known.Name, newest.Track.Name);
        Assert.Equal(known.DurationMs, newest.Track.DurationMs);
        Assert.Equal(known.AlbumId, newest.Track.Album.Id);
        Assert.Equal(known.Artist.Id, newest.Track.Artists[0].Id);
        Assert.Equal(known.Isrc, newest.Track.Isrc);
        Assert.NotEmpty(newest.Track.Album.Images);
        Assert.Matches(@"^\d{4}", newest.Track.Album.ReleaseDate);
        Assert.Equal(new RecentlyPlayedCursors(newest.PlayedAt, page.Items[^1].PlayedAt), page.Cursors);
    }

    [Fact]
    public async Task Recently_played_after_a_time_gives_only_the_plays_since()
    {
        var latest = await _bed.Client.GetRecentlyPlayedAsync(_userId, RecentlyPlayedQuery.Latest(10), Ct);
        var since = latest.Items[3].PlayedAt;

        var newer = await _bed.Client.GetRecentlyPlayedAsync(_userId, RecentlyPlayedQuery.PlayedAfter(since), Ct);

        Assert.Equal(latest.Items.Take(3).Select(p => p.PlayedAt), newer.Items.Select(p => p.PlayedAt));
    }

    [Fact]
    public async Task Null_track_entries_are_skipped_and_counted()
    {
        // For every attempt the client may make: on a busy machine the first can time out and be retried.
        _bed.State.Faults.Inject(Fault.NullTracks(calls: 4));

        var page = await _bed.Client.GetRecentlyPlayedAsync(_userId, RecentlyPlayedQuery.Latest(9), Ct);

        // The emulator nulls every third entry, starting with the first.
        Assert.Equal(3, page.SkippedItems);
        Assert.Equal(6, page.Items.Count);
        Assert.All(page.Items, play => Assert.NotNull(play.Track.Id));
    }

    [Fact]
    public async Task Top_tracks_and_artists_page_by_offset_over_a_time_range()
    {
        var first = await _bed.Client.GetTopTracksAsync(_userId, SpotifyTimeRange.ShortTerm, 5, 0, Ct);
        var second = await _bed.Client.GetTopTracksAsync(_userId, SpotifyTimeRange.ShortTerm, 5, 5, Ct);
        var artists = await _bed.Client.GetTopArtistsAsync(_userId, SpotifyTimeRange.LongTerm, 10, 0, Ct);

        Assert.Equal(5, first.Items.Count);
        Assert.True(first.HasMore);
        Assert.Equal(5, second.Offset);
        Assert.Empty(first.Items.Select(t => t.Id).Intersect(second.Items.Select(t => t.Id)));
        Assert.Equal(first.Total, second.Total);
        Assert.Equal(10, artists.Items.Count);
        Assert.All(artists.Items, artist => Assert.NotEmpty(artist.Genres!));
    }

    [Fact]
    public async Task Track_artist_and_album_are_looked_up_one_at_a_time()
    {
        var known = _bed.State.Catalog.Tracks.First();
        var knownAlbum = _bed.State.Catalog.AlbumOf(known);

        var track = await _bed.Client.GetTrackAsync(_userId, known.Id, Ct);
        var artist = await _bed.Client.GetArtistAsync(_userId, known.Artist.Id, Ct);
        var album = await _bed.Client.GetAlbumAsync(_userId, knownAlbum.Id, Ct);

        Assert.Equal(known.Name, track!.Name);
        Assert.Equal(known.Artist.Name, artist!.Name);
        Assert.Equal([known.Artist.Genre], artist.Genres);
        Assert.NotEmpty(artist.Images);
        Assert.Equal(knownAlbum.Name, album!.Name);
        Assert.Equal(knownAlbum.Tracks.Count, album.TotalTracks);
        Assert.Equal(knownAlbum.Artist.Id, album.Artists[0].Id);
        Assert.NotNull(album.ExternalIds?.Upc);
        Assert.Equal(["/v1/tracks/{id}", "/v1/artists/{id}", "/v1/albums/{id}"],
            (await _bed.ApiCallsAsync()).Select(c => c.Endpoint));
    }

    [Fact]
    public async Task An_id_Spotify_does_not_know_is_not_found()
    {
        var track = await _bed.Client.GetTrackAsync(_userId, "0000000000000000000000", Ct);

        Assert.Null(track);
        Assert.Equal(404, Assert.Single(await _bed.ApiCallsAsync()).StatusCode);
    }

    [Fact]
    public async Task Playlists_saved_albums_and_followed_artists_page_through_the_library()
    {
        var playlists = await _bed.Client.GetPlaylistsAsync(_userId, 50, 0, Ct);
        var albums = await _bed.Client.GetSavedAlbumsAsync(_userId, 3, 0, Ct);
        var firstArtists = await _bed.Client.GetFollowedArtistsAsync(_userId, after: null, 5, Ct);
        var nextArtists = await _bed.Client.GetFollowedArtistsAsync(_userId, firstArtists.NextAfter, 5, Ct);

        Assert.NotEmpty(playlists.Items);
        Assert.All(playlists.Items, playlist => Assert.NotNull(playlist.ItemCount));
        Assert.Contains(playlists.Items, playlist => playlist.Owner.Id == SpotifyEmulatorServer.DemoUserId);
        Assert.Equal(3, albums.Items.Count);
        Assert.All(albums.Items, saved => Assert.True(saved.AddedAt <= _bed.Now));
        Assert.True(albums.HasMore);
        Assert.Equal(5, firstArtists.Items.Count);
        Assert.NotNull(firstArtists.NextAfter);
        Assert.Empty(firstArtists.Items.Select(a => a.Id).Intersect(nextArtists.Items.Select(a => a.Id)));
    }
}
