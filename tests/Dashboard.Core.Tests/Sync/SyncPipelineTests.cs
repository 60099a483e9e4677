using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Spotify;
using Dashboard.Core.Tests.Support;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Demo;
using Dashboard.SpotifyEmulator.Faults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Sync;

/// <summary>The sync pipeline against the emulated Spotify, as it behaves in 2026.</summary>
[RunsLong]
public sealed class SyncPipelineTests
{
    [Fact]
    public async Task A_first_sync_stores_what_Spotify_lists_and_a_second_adds_nothing()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();

        var first = await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        var again = await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, first.Status);
        var listed = Listed(bed, bed.Now.UtcDateTime.AddDays(-7), bed.Now.UtcDateTime).TakeLast(50).ToList();
        await using var db = await bed.Host.DbAsync();
        var stored = await db.Plays.Include(p => p.Track).OrderBy(p => p.PlayedAt).ToListAsync();
        Assert.Equal(listed.Select(p => (p.EndedAt, p.Track!.Id)), stored.Select(p => (p.PlayedAt, p.Track!.SpotifyId!)));
        Assert.All(stored, p => Assert.Equal(PlaySource.Sync, p.Source));
        Assert.Equal(SyncStatus.Completed, again.Status);
        Assert.Equal(stored.Count, await db.Plays.CountAsync());
        var steps = await db.SyncSteps.Where(s => s.SyncRunId == again.RunId).ToListAsync();
        Assert.Equal(["recently_played", "enrichment", "library", "top_items", "rollups"], steps.Select(s => s.Name));
        Assert.All(steps, s => Assert.Equal(SyncStatus.Completed, s.Status));
        Assert.StartsWith("0 new, 0 already known", steps[0].Details);
        // The rollups moved with the plays.
        var overview = await bed.Host.Get<OverviewService>().GetAsync(userId, PeriodSelection.AllTime, CancellationToken.None);
        Assert.Equal(stored.Count(p => p.MsPlayed >= 30_000), overview.Current.Plays);
    }

    [Fact]
    public async Task Later_syncs_add_exactly_the_plays_since_the_last_one()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        await using var db = await bed.Host.DbAsync();
        var before = await db.Plays.CountAsync();
        var since = await db.Plays.MaxAsync(p => p.PlayedAt);

        bed.Advance(TimeSpan.FromHours(3));
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        var expected = Listed(bed, since.AddTicks(1), bed.Now.UtcDateTime).ToList();
        Assert.InRange(expected.Count, 1, 49);
        Assert.Equal(before + expected.Count, await db.Plays.CountAsync());
        Assert.Equal(expected.Count, (await db.SyncRuns.SingleAsync(r => r.Id == run.RunId)).ItemsSynced);
    }

    [Fact]
    public async Task More_than_50_plays_between_syncs_is_reported_as_a_gap_and_nothing_is_duplicated()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);

        bed.Advance(TimeSpan.FromDays(3));
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        await using var db = await bed.Host.DbAsync();
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.Equal(50, step.ItemsProcessed);
        Assert.Contains("gap: more than 50 plays since the last sync", step.Details);
        Assert.Contains("import your privacy export to fill it", step.Details);
        Assert.Equal(await db.Plays.CountAsync(), await db.Plays.Select(p => new { p.TrackId, p.PlayedAt }).Distinct().CountAsync());
    }

    [Fact]
    public async Task More_than_50_plays_with_entries_without_a_track_is_still_reported_as_a_gap()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        await using var db = await bed.Host.DbAsync();
        var before = await db.Plays.CountAsync();

        bed.Advance(TimeSpan.FromDays(3));
        bed.State.Faults.Inject(Fault.NullTracks());
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.Matches(@"\d+ entries without a track left out", step.Details);
        Assert.InRange(step.ItemsProcessed, 1, 49);
        Assert.Contains("gap: more than 50 plays since the last sync", step.Details);
        Assert.Equal(before + step.ItemsProcessed, await db.Plays.CountAsync());
        Assert.Equal(await db.Plays.CountAsync(), await db.Plays.Select(p => new { p.TrackId, p.PlayedAt }).Distinct().CountAsync());
    }

    [Fact]
    public async Task Exactly_50_plays_since_the_last_sync_whose_oldest_follows_it_are_all_stored_and_no_gap_is_reported()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        // A moment just after a listed play whose next listed play follows it directly and lasts the whole track, so
        // that the 50 plays Spotify keeps reach back to the first sync's last play.
        var listed = Listed(bed, bed.Now.UtcDateTime.AddDays(-1), bed.Now.UtcDateTime.AddDays(14)).ToList();
        var at = Enumerable.Range(0, listed.Count - 51).First(i => listed[i].EndedAt > bed.Now.UtcDateTime
                                                                   && listed[i + 1].MsPlayed == listed[i + 1].Track!.DurationMs
                                                                   && listed[i + 1].StartedAt - listed[i].EndedAt < TimeSpan.FromSeconds(10));
        bed.Advance(listed[at].EndedAt.AddMilliseconds(1) - bed.Now.UtcDateTime);
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        await using var db = await bed.Host.DbAsync();
        Assert.Equal(listed[at].EndedAt, await db.Plays.MaxAsync(p => p.PlayedAt));
        var before = await db.Plays.CountAsync();

        bed.Advance(listed[at + 50].EndedAt.AddMilliseconds(1) - bed.Now.UtcDateTime);
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.Equal(50, step.ItemsProcessed);
        Assert.DoesNotContain("gap", step.Details);
        Assert.Equal(before + 50, await db.Plays.CountAsync());
        Assert.Equal(await db.Plays.CountAsync(), await db.Plays.Select(p => new { p.TrackId, p.PlayedAt }).Distinct().CountAsync());
    }

    [Fact]
    public async Task Plays_already_imported_from_the_export_are_not_stored_twice()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        await using (var export = new MemoryStream())
        {
            await bed.Emulator.WritePrivacyExportAsync(SpotifyEmulatorServer.DemoUserId, export);
            var import = await bed.Host.UploadAsync(userId, ("my_spotify_data.zip", export.ToArray()));
            await bed.Host.Get<ImportService>().RunAsync(import.Id, CancellationToken.None);
        }
        await using var db = await bed.Host.DbAsync();
        var imported = await db.Plays.CountAsync();

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(imported, await db.Plays.CountAsync());
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.StartsWith("0 new", step.Details);
    }

    [Fact]
    public async Task Enrichment_looks_up_the_most_played_tracks_within_the_budget_and_gives_them_ids_lengths_and_artists()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        await using (var export = new MemoryStream())
        {
            await bed.Emulator.WritePrivacyExportAsync(SpotifyEmulatorServer.DemoUserId, export);
            var import = await bed.Host.UploadAsync(userId, ("my_spotify_data.zip", export.ToArray()));
            await bed.Host.Get<ImportService>().RunAsync(import.Id, CancellationToken.None);
        }
        await using var db = await bed.Host.DbAsync();
        var mostPlayed = await db.ItemTotals.Where(t => t.UserId == userId && t.Kind == ItemKind.Track)
            .OrderByDescending(t => t.AllPlays).ThenBy(t => t.ItemId).Select(t => t.ItemId).Take(10).ToListAsync();

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        var enriched = await db.Tracks.AsNoTracking().Include(t => t.Artists).Where(t => mostPlayed.Contains(t.Id)).ToListAsync();
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
        await ImportDemoExportAsync(bed, userId);
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
        await ImportDemoExportAsync(bed, userId);
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
        var steps = await db.SyncSteps.AsNoTracking().Where(s => s.SyncRunId == outcome.RunId).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal([SyncPipeline.RecentlyPlayedStep, SyncPipeline.EnrichmentStep, SyncPipeline.LibraryStep, SyncPipeline.RollupsStep], steps.Select(s => s.Name));
        Assert.Equal((SyncStatus.Failed, SyncPipeline.StoppedError), (steps[2].Status, steps[2].Error));
        Assert.Equal(SyncStatus.Completed, steps[3].Status);
        Assert.True(await db.TrackArtists.CountAsync() > creditsBefore, "The look-ups before the stop credited featured artists.");
        await AssertArtistAndAlbumTotalsMatchThePlaysAsync(bed, userId);
    }

    [Fact]
    public async Task Spotifys_rate_limit_in_the_middle_of_the_look_ups_keeps_what_they_changed_in_the_figures()
    {
        // Spotify's rolling limit answers 429 with a Retry-After longer than the client waits in place, a few look-ups in.
        await using var bed = await SpotifyTestBed.StartAsync(rateLimitRequests: 16);
        var userId = await bed.SignInAsync();
        await using var db = await bed.Host.DbAsync();
        // Under the half-the-track rule, a track's length decides which of its plays count: the export has no lengths.
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.PlayCountRule, PlayCountRule.AtLeastHalf));
        await ImportDemoExportAsync(bed, userId);
        var creditsBefore = await db.TrackArtists.CountAsync();

        var outcome = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        Assert.Equal(SyncStatus.Rescheduled, outcome.Status);
        var enrichment = await db.SyncSteps.AsNoTracking().SingleAsync(s => s.SyncRunId == outcome.RunId && s.Name == SyncPipeline.EnrichmentStep);
        Assert.Equal(SyncStatus.Rescheduled, enrichment.Status);
        var plays = await db.Plays.AsNoTracking().Where(p => p.UserId == userId && p.TrackId != null)
            .Join(db.Tracks, p => p.TrackId, t => t.Id, (p, t) => new { p.Counted, p.MsPlayed, t.DurationMs })
            .ToListAsync();
        Assert.True(await db.TrackArtists.CountAsync() > creditsBefore, "The look-ups before the 429 credited featured artists.");
        Assert.Contains(plays, p => p.DurationMs is not null && p.MsPlayed >= PlayCountRules.MinimumMs && (long)p.MsPlayed * 2 < p.DurationMs);
        Assert.All(plays, p => Assert.Equal(PlayCountRules.Counts(PlayCountRule.AtLeastHalf, p.MsPlayed, p.DurationMs), p.Counted));
        await AssertArtistAndAlbumTotalsMatchThePlaysAsync(bed, userId);
    }

    private static async Task ImportDemoExportAsync(SpotifyTestBed bed, int userId)
    {
        await using var export = new MemoryStream();
        await bed.Emulator.WritePrivacyExportAsync(SpotifyEmulatorServer.DemoUserId, export);
        var import = await bed.Host.UploadAsync(userId, ("my_spotify_data.zip", export.ToArray()));
        await bed.Host.Get<ImportService>().RunAsync(import.Id, CancellationToken.None);
    }

    /// <summary>Every artist's and album's totals equal a count over the plays of the tracks credited to it.</summary>
    private static async Task AssertArtistAndAlbumTotalsMatchThePlaysAsync(SpotifyTestBed bed, int userId)
    {
        await using var db = await bed.Host.DbAsync();
        var plays = await db.Plays.AsNoTracking().Where(p => p.UserId == userId && p.TrackId != null)
            .Select(p => new { TrackId = p.TrackId!.Value, p.Counted, p.MsPlayed }).ToListAsync();
        var credits = (await db.TrackArtists.AsNoTracking().ToListAsync()).ToLookup(c => c.TrackId, c => c.ArtistId);
        var albums = await db.Tracks.AsNoTracking().Where(t => t.AlbumId != null).ToDictionaryAsync(t => t.Id, t => t.AlbumId!.Value);
        var expectedArtists = plays.SelectMany(p => credits[p.TrackId].Select(artistId => (Id: artistId, Play: p)))
            .GroupBy(x => x.Id)
            .ToDictionary(g => g.Key, g => (Plays: g.Count(x => x.Play.Counted), Ms: g.Where(x => x.Play.Counted).Sum(x => (long)x.Play.MsPlayed), All: g.Count()));
        var expectedAlbums = plays.Where(p => albums.ContainsKey(p.TrackId))
            .GroupBy(p => albums[p.TrackId])
            .ToDictionary(g => g.Key, g => (Plays: g.Count(p => p.Counted), Ms: g.Where(p => p.Counted).Sum(p => (long)p.MsPlayed), All: g.Count()));
        Assert.Equal(expectedArtists.OrderBy(e => e.Key), await TotalsAsync(ItemKind.Artist));
        Assert.Equal(expectedAlbums.OrderBy(e => e.Key), await TotalsAsync(ItemKind.Album));

        async Task<List<KeyValuePair<int, (int Plays, long Ms, int All)>>> TotalsAsync(ItemKind kind) =>
            (await db.ItemTotals.AsNoTracking().Where(t => t.UserId == userId && t.Kind == kind).OrderBy(t => t.ItemId).ToListAsync())
            .Select(t => KeyValuePair.Create(t.ItemId, (t.Plays, t.MsPlayed, t.AllPlays))).ToList();
    }

    [Fact]
    public async Task The_library_step_reads_every_page_of_saved_albums_and_followed_artists()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var savedTotal = (await bed.Client.GetSavedAlbumsAsync(userId, 1, 0, CancellationToken.None)).Total;
        var followedFirst = await bed.Client.GetFollowedArtistsAsync(userId, null, SpotifyClient.MaxPageSize, CancellationToken.None);
        Assert.True(savedTotal > SpotifyClient.MaxPageSize && followedFirst.Total > SpotifyClient.MaxPageSize, "The demo listener has more than a page of each.");
        var lastSaved = (await bed.Client.GetSavedAlbumsAsync(userId, SpotifyClient.MaxPageSize, SpotifyClient.MaxPageSize, CancellationToken.None)).Items;
        var lastFollowed = (await bed.Client.GetFollowedArtistsAsync(userId, followedFirst.NextAfter, SpotifyClient.MaxPageSize, CancellationToken.None)).Items;

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        await using var db = await bed.Host.DbAsync();
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId && s.Name == SyncPipeline.LibraryStep);
        Assert.Equal(SyncStatus.Completed, step.Status);
        Assert.Equal(savedTotal + followedFirst.Total, step.ItemsProcessed);
        Assert.Contains($"{savedTotal} saved albums, {followedFirst.Total} followed artists", step.Details);
        var savedIds = lastSaved.Select(a => a.Album.Id).ToList();
        Assert.Equal(savedIds.Count, await db.Albums.CountAsync(a => savedIds.Contains(a.SpotifyId!)));
        var followedIds = lastFollowed.Select(a => a.Id).ToList();
        Assert.Equal(followedIds.Count, await db.Artists.CountAsync(a => followedIds.Contains(a.SpotifyId!) && a.Enrichment == EnrichmentState.Done));
    }

    [Fact]
    public async Task Artists_and_albums_are_looked_up_most_played_first_within_the_runs_look_ups()
    {
        await using var bed = await SpotifyTestBed.StartAsync(settings: new Dictionary<string, string?> { ["Sync:LookupsPerRun"] = "2" });
        var userId = await bed.SignInAsync();
        await using var db = await bed.Host.DbAsync();
        // Artists and albums known here by id only, with plays.
        var rare = bed.State.Catalog.Artists.OrderByDescending(a => a.Rank).Take(4).ToList();
        var artistA = new Artist { UserId = userId, Name = rare[0].Name, SpotifyId = rare[0].Id };
        var artistB = new Artist { UserId = userId, Name = rare[1].Name, SpotifyId = rare[1].Id };
        var albumX = new Album { UserId = userId, Name = "X", SpotifyId = bed.State.Catalog.AlbumsByArtist[rare[2].Id].First().Id };
        var albumY = new Album { UserId = userId, Name = "Y", SpotifyId = bed.State.Catalog.AlbumsByArtist[rare[3].Id].First().Id };
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
                db.Plays.Add(new Play { UserId = userId, TrackId = track.Id, PlayedAt = at, MsPlayed = 100_000, Counted = true, LocalDate = DateOnly.FromDateTime(at) });
            }
            await db.SaveChangesAsync();
        }
        await PlayAsync(new Track { UserId = userId, Name = "a", PrimaryArtist = artistA, Artists = [new TrackArtist { Artist = artistA, Position = 0 }] }, 300);
        await PlayAsync(new Track { UserId = userId, Name = "b", PrimaryArtist = artistB, Artists = [new TrackArtist { Artist = artistB, Position = 0 }] }, 100);
        await PlayAsync(new Track { UserId = userId, Name = "x", Album = albumX }, 200);
        await PlayAsync(new Track { UserId = userId, Name = "y", Album = albumY }, 60);
        await bed.Host.Get<RollupService>().RebuildAsync(userId, CancellationToken.None);
        // Only the look-ups: the library and top items could bring some of these by chance.
        bed.State.Faults.Inject(Fault.Forbidden(calls: 20, pathPrefix: "/v1/me/"));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, (await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId && s.Name == SyncPipeline.EnrichmentStep)).Status);
        Assert.Equal(EnrichmentState.Done, (await db.Artists.AsNoTracking().SingleAsync(a => a.Id == artistA.Id)).Enrichment);
        var x = await db.Albums.AsNoTracking().SingleAsync(a => a.Id == albumX.Id);
        Assert.Equal(EnrichmentState.Done, x.Enrichment);
        Assert.NotNull(x.ImageUrl);
        Assert.Equal(EnrichmentState.Pending, (await db.Artists.AsNoTracking().SingleAsync(a => a.Id == artistB.Id)).Enrichment);
        Assert.Equal(EnrichmentState.Pending, (await db.Albums.AsNoTracking().SingleAsync(a => a.Id == albumY.Id)).Enrichment);
    }

    [Fact]
    public async Task A_refused_look_up_stays_pending_and_the_run_goes_on()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await using var db = await bed.Host.DbAsync();
        // A track known only from an export, by an artist hardly played (so no other step brings it): its look-up is refused.
        var spotifyId = bed.State.Catalog.Tracks.OrderByDescending(t => t.Artist.Rank).ThenByDescending(t => t.TrackNumber).First().Id;
        var track = new Track { UserId = userId, Name = "Refused", SpotifyId = spotifyId };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        db.Plays.Add(new Play { UserId = userId, TrackId = track.Id, PlayedAt = bed.Now.UtcDateTime.AddYears(-1), MsPlayed = 100_000, LocalDate = DateOnly.FromDateTime(bed.Now.UtcDateTime.AddYears(-1)) });
        await db.SaveChangesAsync();
        await bed.Host.Get<RollupService>().RebuildAsync(userId, CancellationToken.None);
        bed.State.Faults.Inject(Fault.Forbidden(calls: 1, pathPrefix: "/v1/tracks/"));

        var run = await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.Equal(EnrichmentState.Pending, (await db.Tracks.AsNoTracking().SingleAsync(t => t.Id == track.Id)).Enrichment);
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId && s.Name == SyncPipeline.EnrichmentStep);
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
        var album = new Album { UserId = userId, Name = "Gone Album", SpotifyId = "0000000000000000000002", PrimaryArtist = artist };
        var track = new Track
        {
            UserId = userId, Name = "Gone Track", SpotifyId = "0000000000000000000003", PrimaryArtist = artist, Album = album,
            Artists = [new TrackArtist { Artist = artist, Position = 0 }],
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        // Played more than anything Spotify has listed, so that the look-ups, most played first, come to them first.
        var played = Enumerable.Range(0, 200).Select(i => bed.Now.UtcDateTime.AddYears(-1).AddMinutes(4 * i));
        db.Plays.AddRange(played.Select(at => new Play { UserId = userId, TrackId = track.Id, PlayedAt = at, MsPlayed = 100_000, Counted = true, LocalDate = DateOnly.FromDateTime(at) }));
        await db.SaveChangesAsync();
        await bed.Host.Get<RollupService>().RebuildAsync(userId, CancellationToken.None);

        var first = await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);
        await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, first.Status);
        Assert.Equal(EnrichmentState.NotFound, (await db.Tracks.AsNoTracking().SingleAsync(t => t.Id == track.Id)).Enrichment);
        Assert.Equal(EnrichmentState.NotFound, (await db.Artists.AsNoTracking().SingleAsync(a => a.Id == artist.Id)).Enrichment);
        Assert.Equal(EnrichmentState.NotFound, (await db.Albums.AsNoTracking().SingleAsync(a => a.Id == album.Id)).Enrichment);
        var notFound = (await bed.ApiCallsAsync()).Where(c => c.StatusCode == 404).Select(c => c.Endpoint).Order();
        Assert.Equal(["/v1/albums/{id}", "/v1/artists/{id}", "/v1/tracks/{id}"], notFound); // once each, over both runs
    }

    [Fact]
    public async Task A_short_Retry_After_is_waited_out_and_the_run_completes()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.TooManyRequests(retryAfterSeconds: 1, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.Contains(await bed.ApiCallsAsync(), c => c.StatusCode == 429 && c.Endpoint == Fault.RecentlyPlayedPath);
    }

    [Fact]
    public async Task A_long_Retry_After_ends_the_run_to_be_rescheduled_instead_of_holding_a_thread()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.TooManyRequests(retryAfterSeconds: 600, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Rescheduled, run.Status);
        Assert.InRange(run.RetryAt!.Value, bed.Now.AddSeconds(590), bed.Now.AddSeconds(610));
        Assert.Contains("Spotify asked us to slow down", run.Error);
    }

    [Fact]
    public async Task Server_errors_then_success_complete_the_run()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.ServerError(503, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.Contains(await bed.ApiCallsAsync(), c => c.StatusCode == 503);
    }

    [Fact]
    public async Task A_call_that_times_out_is_retried()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.Delayed(SpotifyTestBed.RequestTimeout * 3, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.Contains(await bed.ApiCallsAsync(), c => c.StatusCode is null && c.Endpoint == Fault.RecentlyPlayedPath);
    }

    [Fact]
    public async Task Spotify_down_for_good_fails_the_step_not_the_next_run()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.ServerError(502, calls: 20, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Failed, run.Status);
        Assert.Contains("steps failed; the next sync tries them again", run.Error);
        await using var db = await bed.Host.DbAsync();
        var steps = await db.SyncSteps.Where(s => s.SyncRunId == run.RunId).ToListAsync();
        Assert.Equal(SyncStatus.Failed, steps.Single(s => s.Name == SyncPipeline.RecentlyPlayedStep).Status);
        Assert.Equal(SyncStatus.Completed, steps.Single(s => s.Name == SyncPipeline.LibraryStep).Status);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_and_the_run_completes()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var before = await bed.StoredTokensAsync(userId);
        bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.NotEqual(before!.AccessToken, (await bed.StoredTokensAsync(userId))!.AccessToken);
    }

    [Fact]
    public async Task A_revoked_refresh_token_fails_the_run_and_asks_the_user_to_sign_in_again()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);
        bed.State.RevokeRefreshTokens(SpotifyEmulatorServer.DemoUserId);

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        Assert.Equal(SyncStatus.Failed, run.Status);
        Assert.Contains("Sign in with Spotify again", run.Error);
        await using var db = await bed.Host.DbAsync();
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == userId)).NeedsReconsentSince);
    }

    [Fact]
    public async Task An_exhausted_daily_quota_pauses_look_ups_until_it_resets_while_plays_and_the_library_keep_syncing()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        var midnight = bed.Now.UtcDateTime.Date.AddDays(1);
        bed.State.Faults.Inject(Fault.QuotaExceeded(calls: 1, pathPrefix: "/v1/artists/"));

        var first = await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        // The run shows as paused, and says why, but is not moved: its other steps keep syncing on schedule.
        Assert.Equal(SyncStatus.Rescheduled, first.Status);
        Assert.Equal($"1 of 5 steps paused: the app's daily Spotify quota is spent until {midnight:u}. They run again at the next sync after that.",
            first.Error);
        Assert.Null(first.RetryAt);
        await using var db = await bed.Host.DbAsync();
        var steps = await StepsAsync(first.RunId);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.RecentlyPlayedStep].Status);
        Assert.True(steps[SyncPipeline.RecentlyPlayedStep].ItemsProcessed > 0);
        Assert.Equal(SyncStatus.Rescheduled, steps[SyncPipeline.EnrichmentStep].Status);
        Assert.Null(steps[SyncPipeline.EnrichmentStep].Error);
        Assert.Contains($"quota is spent until {midnight:u}", steps[SyncPipeline.EnrichmentStep].Details);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.LibraryStep].Status);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.TopItemsStep].Status);
        Assert.Equal(midnight, (await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId)).EnrichmentPausedUntil);

        // The pause is kept with the user, not in memory: a later run takes the plays and asks for no look-up.
        bed.Advance(TimeSpan.FromHours(3));
        await bed.ClearApiCallsAsync();
        var later = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);
        steps = await StepsAsync(later.RunId);
        Assert.Equal(SyncStatus.Rescheduled, later.Status);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.RecentlyPlayedStep].Status);
        Assert.True(steps[SyncPipeline.RecentlyPlayedStep].ItemsProcessed > 0);
        Assert.Equal(SyncStatus.Rescheduled, steps[SyncPipeline.EnrichmentStep].Status);
        Assert.DoesNotContain(await bed.ApiCallsAsync(), c => c.Endpoint is "/v1/artists/{id}" or "/v1/tracks/{id}" or "/v1/albums/{id}");

        // Once the quota has reset, look-ups resume.
        bed.Advance(midnight - bed.Now.UtcDateTime + TimeSpan.FromMinutes(1));
        var next = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);
        Assert.Equal(SyncStatus.Completed, (await StepsAsync(next.RunId))[SyncPipeline.EnrichmentStep].Status);
        Assert.Contains(await bed.ApiCallsAsync(), c => c.Endpoint == "/v1/artists/{id}" && c.StatusCode == 200);

        async Task<Dictionary<string, SyncStep>> StepsAsync(long runId) =>
            await db.SyncSteps.AsNoTracking().Where(s => s.SyncRunId == runId).ToDictionaryAsync(s => s.Name);
    }

    [Fact]
    public async Task A_spent_quota_on_recently_played_pauses_that_step_and_the_run_records_the_others()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.QuotaExceeded(calls: 1, pathPrefix: Fault.RecentlyPlayedPath));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        // Paused, not moved to the quota's reset as a Retry-After would move it: the other steps ran.
        Assert.Equal(SyncStatus.Rescheduled, run.Status);
        Assert.Null(run.RetryAt);
        Assert.StartsWith("2 of 5 steps paused: the app's daily Spotify quota is spent until", run.Error);
        await using var db = await bed.Host.DbAsync();
        var steps = await db.SyncSteps.AsNoTracking().Where(s => s.SyncRunId == run.RunId).ToDictionaryAsync(s => s.Name);
        Assert.Equal(SyncStatus.Rescheduled, steps[SyncPipeline.RecentlyPlayedStep].Status);
        Assert.Contains("daily Spotify quota is spent", steps[SyncPipeline.RecentlyPlayedStep].Details);
        Assert.Equal(SyncStatus.Rescheduled, steps[SyncPipeline.EnrichmentStep].Status);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.LibraryStep].Status);
        Assert.Equal(SyncStatus.Completed, steps[SyncPipeline.TopItemsStep].Status);
        Assert.Equal(0, await db.Plays.CountAsync());
    }

    [Fact]
    public async Task Entries_without_a_track_are_left_out_and_counted()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.NullTracks());

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        await using var db = await bed.Host.DbAsync();
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.Matches(@"\d+ entries without a track left out", step.Details);
    }

    /// <summary>What Spotify's recently played lists: tracks played 30 s or more, outside private sessions.</summary>
    private static IEnumerable<DemoPlay> Listed(SpotifyTestBed bed, DateTime from, DateTime to) =>
        bed.State.FindUser(SpotifyEmulatorServer.DemoUserId)!.Listener!.PlaysBetween(from, to)
            .Where(p => p.Track is not null && p.MsPlayed >= 30_000 && !p.Incognito);
}
