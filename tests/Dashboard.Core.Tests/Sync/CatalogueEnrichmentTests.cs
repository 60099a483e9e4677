using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Spotify;
using Dashboard.SpotifyEmulator.Faults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Sync;

/// <summary>
/// The sync's catalogue steps against the emulated Spotify: look-ups, the library and what they change in the figures.
/// </summary>
[RunsLong]
public sealed class CatalogueEnrichmentTests
{
    [Fact]
    public async Task Enrichment_gives_the_most_played_tracks_ids_lengths_and_artists_within_the_budget()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        await bed.ImportDemoExportAsync(userId);
        await using var db = await bed.Host.DbAsync();
        var mostPlayed = await db.ItemTotals.Where(t => t.UserId == userId && t.Kind == ItemKind.Track)
            .OrderByDescending(t => t.AllPlays).ThenBy(t => t.ItemId).Select(t => t.ItemId).Take(10).ToListAsync();

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        var enriched = await db.Tracks.AsNoTracking().Include(t => t.Artists).Where(t => mostPlayed.Contains(t.Id))
            .ToListAsync();
        Assert.All(enriched, track =>
        {
            var truth = bed.State.Catalog.FindTrack(track.SpotifyId!)!;
            Assert.Equal(EnrichmentState.Done, track.Enrichment);
            Assert.Equal(truth.DurationMs, track.DurationMs);
            Assert.Equal(truth.Isrc, track.Isrc);
            Assert.Equal(1 + truth.Featured.Count, track.Artists.Count);
        });
        // The export named the artist; the look-up gave it its id, on the same row.
        var artist = await db.Artists.SingleAsync(a => a.Id == enriched[0].PrimaryArtistId);
        Assert.Equal(bed.State.Catalog.FindTrack(enriched[0].SpotifyId!)!.Artist.Id, artist.SpotifyId);
    }

    [Fact]
    public async Task Artists_and_albums_a_look_up_credits_have_totals_that_match_the_plays()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        await bed.ImportDemoExportAsync(userId);
        await using var db = await bed.Host.DbAsync();
        var creditsBefore = await db.TrackArtists.CountAsync();

        await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        // The look-ups credited featured artists the export never named.
        Assert.True(await db.TrackArtists.CountAsync() > creditsBefore);
        await AssertArtistAndAlbumTotalsMatchThePlaysAsync(bed, userId);
    }

    [Fact]
    public async Task A_run_the_app_stops_halfway_ends_as_stopped_with_the_totals_its_look_ups_changed_refreshed()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        await bed.ImportDemoExportAsync(userId);
        await using var db = await bed.Host.DbAsync();
        var creditsBefore = await db.TrackArtists.CountAsync();
        // The app stops as the library step starts, after the look-ups recredited tracks and before the last step.
        using var stopping = new CancellationTokenSource();
        using var _ = bed.Host.Get<SyncNotifier>().Subscribe(userId, update =>
        {
            if (update.Step == SyncPipeline.LibraryStep)
            {
                stopping.Cancel();
            }
            return Task.CompletedTask;
        });

        var outcome = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Scheduled, stopping.Token);

        Assert.Equal(SyncStatus.Failed, outcome.Status);
        Assert.Equal($"{SyncPipeline.StoppedError} The next sync continues.", outcome.Error);
        var steps = await db.SyncSteps.AsNoTracking().Where(s => s.SyncRunId == outcome.RunId).OrderBy(s => s.Id)
            .ToListAsync();
        Assert.Equal(
            [SyncPipeline.RecentlyPlayedStep, SyncPipeline.EnrichmentStep, SyncPipeline.LibraryStep,
                SyncPipeline.RollupsStep], steps.Select(s => s.Name));
        Assert.Equal((SyncStatus.Failed, SyncPipeline.StoppedError), (steps[2].Status, steps[2].Error));
        Assert.Equal(SyncStatus.Completed, steps[3].Status);
        Assert.True(await db.TrackArtists.CountAsync() > creditsBefore,
            "The look-ups before the stop credited featured artists.");
        await AssertArtistAndAlbumTotalsMatchThePlaysAsync(bed, userId);
    }

    [Fact]
    public async Task Spotifys_rate_limit_in_the_middle_of_the_look_ups_keeps_what_they_changed_in_the_figures()
    {
        // Spotify's rolling limit answers 429 with a Retry-After longer than the client waits in place, a few look-ups
        // in.
        await using var bed = await SpotifyTestBed.StartAsync(rateLimitRequests: 16);
        var userId = await bed.SignInAsync();
        await using var db = await bed.Host.DbAsync();
        // Under the half-the-track rule, a track's length decides which of its plays count: the export has no lengths.
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PlayCountRule, PlayCountRule.AtLeastHalf));
        await bed.ImportDemoExportAsync(userId);
        var creditsBefore = await db.TrackArtists.CountAsync();

        var outcome = await bed.Host.Get<SyncPipeline>()
            .RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        Assert.Equal(SyncStatus.Rescheduled, outcome.Status);
        var enrichment = await db.SyncSteps.AsNoTracking()
            .SingleAsync(s => s.SyncRunId == outcome.RunId && s.Name == SyncPipeline.EnrichmentStep);
        Assert.Equal(SyncStatus.Rescheduled, enrichment.Status);
        var plays = await db.Plays.AsNoTracking().Where(p => p.UserId == userId && p.TrackId != null)
            .Join(db.Tracks, p => p.TrackId, t => t.Id, (p, t) => new { p.Counted, p.MsPlayed, t.DurationMs })
            .ToListAsync();
        Assert.True(await db.TrackArtists.CountAsync() > creditsBefore,
            "The look-ups before the 429 credited featured artists.");
        Assert.Contains(plays, p => p.DurationMs is not null && p.MsPlayed >= PlayCountRules.MinimumMs
            && (long)p.MsPlayed * 2 < p.DurationMs);
        Assert.All(plays,
            p => Assert.Equal(PlayCountRules.Counts(PlayCountRule.AtLeastHalf, p.MsPlayed, p.DurationMs), p.Counted));
        await AssertArtistAndAlbumTotalsMatchThePlaysAsync(bed, userId);
    }

    /// <summary>Every artist's and album's totals equal a count over the plays of the tracks credited to it.</summary>
    private static async Task AssertArtistAndAlbumTotalsMatchThePlaysAsync(SpotifyTestBed bed, int userId)
    {
        await using var db = await bed.Host.DbAsync();
        var plays = await db.Plays.AsNoTracking().Where(p => p.UserId == userId && p.TrackId != null)
            .Select(p => new { TrackId = p.TrackId!.Value, p.Counted, p.MsPlayed }).ToListAsync();
        var credits = (await db.TrackArtists.AsNoTracking().ToListAsync()).ToLookup(c => c.TrackId, c => c.ArtistId);
        var albums = await db.Tracks.AsNoTracking().Where(t => t.AlbumId != null)
            .ToDictionaryAsync(t => t.Id, t => t.AlbumId!.Value);
        var expectedArtists = plays.SelectMany(p => credits[p.TrackId].Select(artistId => (Id: artistId, Play: p)))
            .GroupBy(x => x.Id)
            .ToDictionary(g => g.Key,
                g => (Plays: g.Count(x => x.Play.Counted),
                    Ms: g.Where(x => x.Play.Counted).Sum(x => (long)x.Play.MsPlayed), All: g.Count()));
        var expectedAlbums = plays.Where(p => albums.ContainsKey(p.TrackId))
            .GroupBy(p => albums[p.TrackId])
            .ToDictionary(g => g.Key,
                g => (Plays: g.Count(p => p.Counted), Ms: g.Where(p => p.Counted).Sum(p => (long)p.MsPlayed),
                    All: g.Count()));
        Assert.Equal(expectedArtists.OrderBy(e => e.Key), await TotalsAsync(ItemKind.Artist));
        Assert.Equal(expectedAlbums.OrderBy(e => e.Key), await TotalsAsync(ItemKind.Album));

        async Task<List<KeyValuePair<int, (int Plays, long Ms, int All)>>> TotalsAsync(ItemKind kind) =>
            (await db.ItemTotals.AsNoTracking().Where(t => t.UserId == userId && t.Kind == kind).OrderBy(t => t.ItemId)
                .ToListAsync())
            .Select(t => KeyValuePair.Create(t.ItemId, (t.Plays, t.MsPlayed, t.AllPlays))).ToList();
    }

    [Fact]
    public async Task The_library_step_reads_every_page_of_saved_albums_and_followed_artists()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var savedTotal = (await bed.Client.GetSavedAlbumsAsync(userId, 1, 0, CancellationToken.None)).Total;
        var followedFirst = await bed.Client.GetFollowedArtistsAsync(userId, null, SpotifyClient.MaxPageSize,
            CancellationToken.None);
        Assert.True(savedTotal > SpotifyClient.MaxPageSize && followedFirst.Total > SpotifyClient.MaxPageSize,
            "The demo listener has more than a page of each.");
        var lastSaved =
            (await bed.Client.GetSavedAlbumsAsync(userId, SpotifyClient.MaxPageSize, SpotifyClient.MaxPageSize,
                CancellationToken.None)).Items;
        var lastFollowed =
            (await bed.Client.GetFollowedArtistsAsync(userId, followedFirst.NextAfter, SpotifyClient.MaxPageSize,
                CancellationToken.None)).Items;

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        await using var db = await bed.Host.DbAsync();
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId && s.Name == SyncPipeline.LibraryStep);
        Assert.Equal(SyncStatus.Completed, step.Status);
        Assert.Equal(savedTotal + followedFirst.Total, step.ItemsProcessed);
        Assert.Contains($"{savedTotal} saved albums, {followedFirst.Total} followed artists", step.Details);
        var savedIds = lastSaved.Select(a => a.Album.Id).ToList();
        Assert.Equal(savedIds.Count, await db.Albums.CountAsync(a => savedIds.Contains(a.SpotifyId!)));
        var followedIds = lastFollowed.Select(a => a.Id).ToList();
        Assert.Equal(followedIds.Count,
            await db.Artists.CountAsync(a => followedIds.Contains(a.SpotifyId!)
                && a.Enrichment == EnrichmentState.Done));
    }

    [Fact]
    public async Task Artists_and_albums_are_looked_up_most_played_first_within_the_runs_look_ups()
    {
        await using var bed =
            await SpotifyTestBed.StartAsync(settings: new Dictionary<string, string?> { ["Sync:LookupsPerRun"] = "2" });
        var userId = await bed.SignInAsync();
        await using var db = await bed.Host.DbAsync();
        // Artists and albums known here by id only, with plays.
        var rare = bed.State.Catalog.Artists.OrderByDescending(a => a.Rank).Take(4).ToList();
        var artistA = new Artist { UserId = userId, Name = rare[0].Name, SpotifyId = rare[0].Id };
        var artistB = new Artist { UserId = userId, Name = rare[1].Name, SpotifyId = rare[1].Id };
        var albumX = new Album { UserId = userId, Name = "X",
            SpotifyId = bed.State.Catalog.AlbumsByArtist[rare[2].Id].First().Id };
        var albumY = new Album { UserId = userId, Name = "Y",
            SpotifyId = bed.State.Catalog.AlbumsByArtist[rare[3].Id].First().Id };
        db.AddRange(artistA, artistB, albumX, albumY);
        await db.SaveChangesAsync();
        var played = 0;
        async Task PlayAsync(Track track, int plays)
        {
            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            for (var i = 0; i < plays; i++)
            {
                var at = bed.Now.UtcDateTime.AddYears(-1).AddMinutes(-5 * played++);
                db.Plays.Add(
                    new Play { UserId = userId, TrackId = track.Id, PlayedAt = at, MsPlayed = 100_000, Counted = true,
                        LocalDate = DateOnly.FromDateTime(at) });
            }
            await db.SaveChangesAsync();
        }
        await PlayAsync(
            new Track { UserId = userId, Name = "a", PrimaryArtist = artistA,
                Artists = [new TrackArtist { Artist = artistA, Position = 0 }] }, 300);
        await PlayAsync(
            new Track { UserId = userId, Name = "b", PrimaryArtist = artistB,
                Artists = [new TrackArtist { Artist = artistB, Position = 0 }] }, 100);
        await PlayAsync(new Track { UserId = userId, Name = "x", Album = albumX }, 200);
        await PlayAsync(new Track { UserId = userId, Name = "y", Album = albumY }, 60);
        await bed.Host.Get<RollupService>().RebuildAsync(userId, CancellationToken.None);
        // Only the look-ups: the library and top items could bring some of these by chance.
        bed.State.Faults.Inject(Fault.Forbidden(calls: 20, pathPrefix: "/v1/me/"));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed,
            (await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId
                && s.Name == SyncPipeline.EnrichmentStep)).Status);
        Assert.Equal(EnrichmentState.Done,
            (await db.Artists.AsNoTracking().SingleAsync(a => a.Id == artistA.Id)).Enrichment);
        var x = await db.Albums.AsNoTracking().SingleAsync(a => a.Id == albumX.Id);
        Assert.Equal(EnrichmentState.Done, x.Enrichment);
        Assert.NotNull(x.ImageUrl);
        Assert.Equal(EnrichmentState.Pending,
            (await db.Artists.AsNoTracking().SingleAsync(a => a.Id == artistB.Id)).Enrichment);
        Assert.Equal(EnrichmentState.Pending,
            (await db.Albums.AsNoTracking().SingleAsync(a => a.Id == albumY.Id)).Enrichment);
    }

    [Fact]
    public async Task A_refused_look_up_stays_pending_and_the_run_goes_on()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await using var db = await bed.Host.DbAsync();
        // A track known only from an export, by an artist hardly played (so no other step brings it): its look-up is
        // refused.
        var spotifyId = bed.State.Catalog.Tracks.OrderByDescending(t => t.Artist.Rank)
            .ThenByDescending(t => t.TrackNumber).First().Id;
        var track = new Track { UserId = userId, Name = "Refused", SpotifyId = spotifyId };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        db.Plays.Add(
            new Play { UserId = userId, TrackId = track.Id, PlayedAt = bed.Now.UtcDateTime.AddYears(-1),
                MsPlayed = 100_000, LocalDate = DateOnly.FromDateTime(bed.Now.UtcDateTime.AddYears(-1)) });
        await db.SaveChangesAsync();
        await bed.Host.Get<RollupService>().RebuildAsync(userId, CancellationToken.None);
        bed.State.Faults.Inject(Fault.Forbidden(calls: 1, pathPrefix: "/v1/tracks/"));

        var run = await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.Equal(EnrichmentState.Pending,
            (await db.Tracks.AsNoTracking().SingleAsync(t => t.Id == track.Id)).Enrichment);
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId
            && s.Name == SyncPipeline.EnrichmentStep);
        Assert.Contains("1 refused", step.Details);
    }

    [Fact]
    public async Task A_track_artist_and_album_Spotify_does_not_know_are_marked_not_found_and_not_asked_about_again()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await using var db = await bed.Host.DbAsync();
        // Well-formed ids that are in no catalogue: Spotify answers 404 for each.
        var artist = new Artist { UserId = userId, Name = "Gone Artist", SpotifyId = "0000000000000000000001" };
        var album = new Album { UserId = userId, Name = "Gone Album", SpotifyId = "0000000000000000000002",
            PrimaryArtist = artist };
        var track = new Track
        {
            UserId = userId, Name = "Gone Track", SpotifyId = "0000000000000000000003", PrimaryArtist = artist,
                Album = album,
            Artists = [new TrackArtist { Artist = artist, Position = 0 }],
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        // Played more than anything Spotify has listed, so that the look-ups, most played first, come to them first.
        var played = Enumerable.Range(0, 200).Select(i => bed.Now.UtcDateTime.AddYears(-1).AddMinutes(4 * i));
        db.Plays.AddRange(
            played.Select(at =>
                new Play { UserId = userId, TrackId = track.Id, PlayedAt = at, MsPlayed = 100_000, Counted = true,
                    LocalDate = DateOnly.FromDateTime(at) }));
        await db.SaveChangesAsync();
        await bed.Host.Get<RollupService>().RebuildAsync(userId, CancellationToken.None);

        var first = await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);
        await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, first.Status);
        Assert.Equal(EnrichmentState.NotFound,
            (await db.Tracks.AsNoTracking().SingleAsync(t => t.Id == track.Id)).Enrichment);
        Assert.Equal(EnrichmentState.NotFound,
            (await db.Artists.AsNoTracking().SingleAsync(a => a.Id == artist.Id)).Enrichment);
        Assert.Equal(EnrichmentState.NotFound,
            (await db.Albums.AsNoTracking().SingleAsync(a => a.Id == album.Id)).Enrichment);
        var notFound = (await bed.ApiCallsAsync()).Where(c => c.StatusCode == 404).Select(c => c.Endpoint).Order();
        Assert.Equal(["/v1/albums/{id}", "/v1/artists/{id}", "/v1/tracks/{id}"], notFound); // once each, over both runs
    }
}
