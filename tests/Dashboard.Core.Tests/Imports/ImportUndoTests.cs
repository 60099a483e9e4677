using System.Globalization;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Tests.Analytics;
using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Support.ImportHelpers;

namespace Dashboard.Core.Tests.Imports;

/// <summary>
/// Undoing an import: its plays go, the plays it only completed come back as they were, and every figure is what it was
/// before the import, counted from the raw plays and read from the app alike. The listener is in New York; the sample
/// export (August to early December 2024) is their first import.
/// </summary>
public sealed class ImportUndoTests
{
    private const string Zone = "America/New_York";

    /// <summary>The Monday of the week the second import adds plays to, whose chart it changes.</summary>
    private static readonly DateOnly ChartWeek = new(2024, 12, 2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Undoing_an_import_gives_back_every_play_and_figure_from_before_it()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener", Zone);
        var bystander = await host.AddUserAsync("bystander", Zone);
        await host.ImportFilesAsync(user.Id, Samples.ExtendedAudio);
        await host.ImportFilesAsync(bystander.Id, Samples.ExtendedAudio);
        var (one, two, stored) = await AddSyncedPlaysAsync(host, user.Id);
        var plays = await PlaysAsync(host, user.Id);
        var figures = await ListeningFigures.CountAsync(host, user.Id, ChartWeek);
        Assert.Equal(figures, await ListeningFigures.FromAppAsync(host, user.Id, ChartWeek));
        var bystanderPlays = await PlaysAsync(host, bystander.Id);
        var bystanderFigures = await ListeningFigures.FromAppAsync(host, bystander.Id, ChartWeek);

        // Three new plays (one of a new track), one already there, and the two synced plays completed with the
        // export's times, lengths and details: the second is 20 s long, so it no longer counts.
        var second = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024_5.json", JsonArray(
            one.Record("2024-12-03T11:59:56Z", 180_000, "ios"),
            two.Record("2024-12-03T12:04:03Z", 20_000, "ios"),
            one.Record("2024-12-04T08:00:00Z", 200_000),
            ExtendedRecord("2024-12-04T08:05:00Z", "3333333333333333333333", "Gamma Song", "Gamma", 210_000),
            two.Record("2024-12-05T23:30:00Z", 90_000),
            stored.Record(stored.PlayedAt, stored.MsPlayed))));
        Assert.Equal((3, 1, 2), (second.Inserted, second.Duplicates, second.Merged));
        Assert.NotEqual(figures, await ListeningFigures.CountAsync(host, user.Id, ChartWeek));

        var undo = host.Get<ImportUndo>();
        var possible = await undo.PreviewAsync(user.Id, second.Id, Ct);
        var preview = Assert.IsType<ImportUndoOutcome.Possible>(possible).Preview;
        Assert.Equal(new ImportUndoPreview(second.Id, 3, 2, new DateOnly(2024, 12, 4), new DateOnly(2024, 12, 5)),
            preview);
        Assert.Equal(3, (await PlaysAsync(host, user.Id)).Count - plays.Count);

        var undone = Assert.IsType<ImportUndoOutcome.Undone>(await undo.UndoAsync(user.Id, second.Id, Ct)).Removed;

        Assert.Equal(preview, undone);
        Assert.Equal(plays, await PlaysAsync(host, user.Id));
        Assert.Equal(figures, await ListeningFigures.CountAsync(host, user.Id, ChartWeek));
        Assert.Equal(figures, await ListeningFigures.FromAppAsync(host, user.Id, ChartWeek));
        Assert.Equal(bystanderPlays, await PlaysAsync(host, bystander.Id));
        Assert.Equal(bystanderFigures, await ListeningFigures.FromAppAsync(host, bystander.Id, ChartWeek));
        await using var db = await host.DbAsync();
        var imports = await db.Imports.Where(i => i.UserId == user.Id).OrderBy(i => i.Id)
            .Select(i => new { i.Status, i.RemovedAt, i.Inserted }).ToListAsync(Ct);
        Assert.Equal([(ImportStatus.Completed, null, 3318), (ImportStatus.Removed, Now, 3)],
            imports.Select(i => (i.Status, i.RemovedAt, i.Inserted)));
        Assert.Empty(await db.PlayMerges.ToListAsync(Ct));
        Assert.True((await host.Get<RollupService>().GetStatusAsync(user.Id, Ct)).ChartsCurrent);
    }

    [Fact]
    public async Task Undoing_an_export_that_completed_account_data_gives_the_account_data_plays_back()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener", Zone);
        await host.ImportAsync(user.Id, ("StreamingHistory_music_0.json", AccountData));
        var plays = await PlaysAsync(host, user.Id);
        var figures = await ListeningFigures.CountAsync(host, user.Id, ChartWeek);
        var export = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024.json", Extended));
        Assert.Equal((0, 3), (export.Inserted, export.Merged));

        var undone = await host.Get<ImportUndo>().UndoAsync(user.Id, export.Id, Ct);

        Assert.Equal(new ImportUndoPreview(export.Id, 0, 3, null, null),
            Assert.IsType<ImportUndoOutcome.Undone>(undone).Removed);
        Assert.Equal(plays, await PlaysAsync(host, user.Id));
        // What the export taught the catalogue stays: the tracks it named by Spotify id now have their albums.
        var after = await ListeningFigures.CountAsync(host, user.Id, ChartWeek);
        Assert.Equal("3 590000 3 3 2 1", after.Headline);
        Assert.Equal(figures with { Headline = after.Headline, TopAlbums = after.TopAlbums }, after);
        Assert.Equal(after, await ListeningFigures.FromAppAsync(host, user.Id, ChartWeek));
    }

    [Fact]
    public async Task Undoing_account_data_leaves_the_plays_an_export_completed_to_it_and_undoing_both_leaves_none()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener", Zone);
        var accountData = await host.ImportAsync(user.Id, ("StreamingHistory_music_0.json", AccountData));
        var export = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024.json", Extended));
        var undo = host.Get<ImportUndo>();

        // Of the account data's four plays, the export completed three: only the fourth is the account data's own.
        var first = await undo.UndoAsync(user.Id, accountData.Id, Ct);

        Assert.Equal(new ImportUndoPreview(accountData.Id, 1, 0, new DateOnly(2024, 12, 1), new DateOnly(2024, 12, 1)),
            Assert.IsType<ImportUndoOutcome.Undone>(first).Removed);
        await using (var db = await host.DbAsync())
        {
            var left = await db.Plays.OrderBy(p => p.PlayedAt).Select(p => new { p.Source, p.ImportId })
                .ToListAsync(Ct);
            Assert.Equal(Enumerable.Repeat((PlaySource.ExtendedHistory, (int?)export.Id), 3),
                left.Select(p => (p.Source, p.ImportId)));
        }

        var second = await undo.UndoAsync(user.Id, export.Id, Ct);

        Assert.Equal(new ImportUndoPreview(export.Id, 3, 0, new DateOnly(2024, 12, 1), new DateOnly(2024, 12, 1)),
            Assert.IsType<ImportUndoOutcome.Undone>(second).Removed);
        Assert.Empty(await PlaysAsync(host, user.Id));
        var emptied = await ListeningFigures.FromAppAsync(host, user.Id, ChartWeek);
        Assert.Equal(await ListeningFigures.CountAsync(host, user.Id, ChartWeek), emptied);
        Assert.Equal(0, emptied.HistoryPlays);
    }

    [Fact]
    public async Task An_import_that_is_running_never_completed_or_was_undone_is_refused_and_nothing_changes()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener", Zone);
        var completed = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024.json", Extended));
        var undo = host.Get<ImportUndo>();
        Assert.IsType<ImportUndoOutcome.Undone>(await undo.UndoAsync(user.Id, completed.Id, Ct));
        await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024.json", Extended));
        var plays = await PlaysAsync(host, user.Id);

        const string running = "This import is still running. Wait for it to end, or cancel it, before undoing it.";
        const string never = "This import did not complete, so it added no plays: there is nothing to undo.";
        var expected = new Dictionary<ImportStatus, string>
        {
            [ImportStatus.Pending] = running,
            [ImportStatus.Running] = running,
            [ImportStatus.Failed] = never,
            [ImportStatus.Cancelled] = never,
            [ImportStatus.Interrupted] = never,
        };
        foreach (var (status, reason) in expected)
        {
            var import = await AddImportAsync(host, user.Id, status);
            Assert.Equal(new ImportUndoOutcome.Refused(reason), await undo.PreviewAsync(user.Id, import, Ct));
            Assert.Equal(new ImportUndoOutcome.Refused(reason), await undo.UndoAsync(user.Id, import, Ct));
        }
        var again = new ImportUndoOutcome.Refused("This import was undone already: the plays it added are gone.");
        Assert.Equal(again, await undo.PreviewAsync(user.Id, completed.Id, Ct));
        Assert.Equal(again, await undo.UndoAsync(user.Id, completed.Id, Ct));

        Assert.Equal(plays, await PlaysAsync(host, user.Id));
        await using var db = await host.DbAsync();
        Assert.Equal(expected.Keys.Order(), await db.Imports
            .Where(i => i.Status != ImportStatus.Completed && i.Status != ImportStatus.Removed)
            .Select(i => i.Status).OrderBy(s => s).ToListAsync(Ct));
    }

    /// <summary>
    /// An import made before imports kept what their merges overwrote cannot tell the synced plays it completed from
    /// its own: undoing it would delete them, so it is refused, saying how many, unless it merged none.
    /// </summary>
    [Fact]
    public async Task An_import_that_merged_before_merges_were_kept_is_refused_and_keeps_every_play()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener", Zone);
        var accountData = await host.ImportAsync(user.Id, ("StreamingHistory_music_0.json", AccountData));
        var export = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024.json", Extended));
        await using (var db = await host.DbAsync())
        {
            await db.PlayMerges.ExecuteDeleteAsync(Ct);
            await db.Imports.ExecuteUpdateAsync(i => i.SetProperty(x => x.MergesKept, false), Ct);
        }
        var plays = await PlaysAsync(host, user.Id);
        var undo = host.Get<ImportUndo>();

        var refusal = new ImportUndoOutcome.Refused(
            "This import was made before Dashboard kept what an import changes in the plays it completes, so undoing "
            + "it would also delete the 3 plays it completed, which were there before it. It stays as it is; "
            + "History can delete plays by day.");
        Assert.Equal(refusal, await undo.PreviewAsync(user.Id, export.Id, Ct));
        Assert.Equal(refusal, await undo.UndoAsync(user.Id, export.Id, Ct));
        Assert.Equal(plays, await PlaysAsync(host, user.Id));

        // The account data merged nothing: its own play, the one the export did not complete, goes.
        var undone = await undo.UndoAsync(user.Id, accountData.Id, Ct);
        Assert.Equal(new ImportUndoPreview(accountData.Id, 1, 0, new DateOnly(2024, 12, 1), new DateOnly(2024, 12, 1)),
            Assert.IsType<ImportUndoOutcome.Undone>(undone).Removed);
        Assert.Equal(3, (await PlaysAsync(host, user.Id)).Count);
    }

    [Fact]
    public async Task Another_listeners_import_is_not_found_and_keeps_its_plays()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var owner = await host.AddUserAsync("owner", Zone);
        var other = await host.AddUserAsync("other", Zone);
        var import = await host.ImportAsync(owner.Id, ("Streaming_History_Audio_2024.json", Extended));
        var undo = host.Get<ImportUndo>();

        Assert.IsType<ImportUndoOutcome.NotFound>(await undo.PreviewAsync(other.Id, import.Id, Ct));
        Assert.IsType<ImportUndoOutcome.NotFound>(await undo.UndoAsync(other.Id, import.Id, Ct));

        Assert.Equal(3, (await PlaysAsync(host, owner.Id)).Count);
        await using var db = await host.DbAsync();
        Assert.Equal(ImportStatus.Completed, (await db.Imports.SingleAsync(i => i.Id == import.Id, Ct)).Status);
    }

    private static readonly DateTime Now = SampleScenarios.Now.UtcDateTime;

    private static readonly byte[] AccountData = JsonArray(
        AccountRecord("2024-12-01 10:03", "Alpha", "Alpha Song", 180_000),
        AccountRecord("2024-12-01 10:06", "Beta", "Beta Song", 200_000),
        AccountRecord("2024-12-01 10:09", "Alpha", "Alpha Song", 25_000),
        AccountRecord("2024-12-01 10:14", "Gamma", "Gamma Song", 210_000));

    /// <summary>The same three plays as the account data's first three, exactly, with other lengths.</summary>
    private static readonly byte[] Extended = JsonArray(
        ExtendedRecord("2024-12-01T10:03:17Z", "1111111111111111111111", "Alpha Song", "Alpha", 181_000),
        ExtendedRecord("2024-12-01T10:06:40Z", "2222222222222222222222", "Beta Song", "Beta", 200_500),
        ExtendedRecord("2024-12-01T10:09:59Z", "1111111111111111111111", "Alpha Song", "Alpha", 178_000));

    /// <summary>A track of the listener's catalogue, and a play of it, to write export records of.</summary>
    private sealed record KnownTrack(string SpotifyId, string Name, string Artist, string Album, string PlayedAt,
        int MsPlayed)
    {
        public string Record(string ts, int msPlayed, string platform = "android") =>
            ExtendedRecord(ts, SpotifyId, Name, Artist, msPlayed, Album, platform);
    }

    /// <summary>
    /// Two plays the API reported on 2024-12-03 (12:00 and 12:04 UTC) of two tracks the sample has, stored as a sync
    /// stores them (the track's length standing in for the time played) with their days' rollups; and a play of the
    /// sample, for an export record that is already there.
    /// </summary>
    private static async Task<(KnownTrack One, KnownTrack Two, KnownTrack Stored)> AddSyncedPlaysAsync(
        CoreTestHost host, int userId)
    {
        await using var db = await host.DbAsync();
        var tracks = await db.Tracks.Where(t => t.UserId == userId && t.SpotifyId != null).OrderBy(t => t.Id).Take(2)
            .Select(t => new { t.Id, t.SpotifyId, t.Name, Artist = t.PrimaryArtist!.Name, Album = t.Album!.Name })
            .ToListAsync(Ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        foreach (var (track, at) in tracks.Zip(new[] { "2024-12-03T12:00:00Z", "2024-12-03T12:04:00Z" }))
        {
            var playedAt = DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            var local = LocalTime.Of(playedAt, zone);
            db.Plays.Add(new Play
            {
                UserId = userId, TrackId = track.Id, Source = PlaySource.Sync, MsPlayed = 200_000, Counted = true,
                PlayedAt = playedAt, ContextUri = "spotify:playlist:37i9dQZF1DXcBWIGoYBM5M",
                LocalDate = local.Date, LocalHour = local.Hour, LocalWeekday = local.Weekday,
            });
        }
        await db.SaveChangesAsync(Ct);
        await host.Get<RollupService>().RebuildAsync(userId, Ct);
        var stored = await db.Plays
            .Where(p => p.UserId == userId && p.Source == PlaySource.ExtendedHistory && p.TrackId != null)
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.PlayedAt, p.MsPlayed, p.Track!.SpotifyId, p.Track.Name, Artist = p.Track.PrimaryArtist!.Name,
                Album = p.Track.Album!.Name,
            })
            .FirstAsync(Ct);
        var known = tracks.Select(t => new KnownTrack(t.SpotifyId!, t.Name, t.Artist, t.Album, "", 0)).ToList();
        return (known[0], known[1], new KnownTrack(stored.SpotifyId!, stored.Name, stored.Artist, stored.Album,
            stored.PlayedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), stored.MsPlayed));
    }

    /// <summary>Every column of the listener's plays, by id: what an undo must give back exactly.</summary>
    private static async Task<List<string>> PlaysAsync(CoreTestHost host, int userId)
    {
        await using var db = await host.DbAsync();
        var plays = await db.Plays.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Id).ToListAsync(Ct);
        return [.. plays.Select(p => string.Join('|', p.Id, p.PlayedAt.ToString("O", CultureInfo.InvariantCulture),
            p.MsPlayed, p.Counted, p.ContentType, p.TrackId, p.EpisodeId, p.Source, p.ImportId, p.Platform, p.Country,
            p.ReasonStart, p.ReasonEnd, p.Shuffle, p.Skipped, p.Offline, p.OfflineAt, p.Incognito, p.ContextUri,
            p.LocalDate, p.LocalHour, p.LocalWeekday))];
    }

    private static async Task<int> AddImportAsync(CoreTestHost host, int userId, ImportStatus status)
    {
        await using var db = await host.DbAsync();
        var import = new Import
        {
            UserId = userId, Status = status, FileNames = "a.json", StoragePath = "/nonexistent",
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync(Ct);
        return import.Id;
    }
}
