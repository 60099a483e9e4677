using Dashboard.Core.Imports;
using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Support.ImportHelpers;

namespace Dashboard.Core.Tests.Imports;

/// <summary>The same play seen by two sources is stored once.</summary>
public sealed class ImportMergeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] ThreePlays =
    [
        ExtendedRecord("2024-05-01T10:03:17Z", "1111111111111111111111", "Alpha Song", "Alpha", 180_000),
        ExtendedRecord("2024-05-01T10:06:40Z", "2222222222222222222222", "Beta Song", "Beta", 200_000),
        ExtendedRecord("2024-05-01T10:09:59Z", "1111111111111111111111", "Alpha Song", "Alpha", 178_000),
    ];

    private static readonly string[] SameThreeAsAccountDataPlusOne =
    [
        AccountRecord("2024-05-01 10:03", "Alpha", "Alpha Song", 180_000),
        AccountRecord("2024-05-01 10:06", "Beta", "Beta Song", 200_000),
        AccountRecord("2024-05-01 10:09", "Alpha", "Alpha Song", 178_000),
        AccountRecord("2024-05-01 10:14", "Gamma", "Gamma Song", 210_000),
    ];

    [Fact]
    public async Task Account_data_uploaded_with_the_extended_history_adds_only_what_the_extended_history_lacks()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");

        // Account data listed first on purpose: exact records are imported first whatever the order.
        var import = await host.ImportAsync(user.Id,
            ("StreamingHistory_music_0.json", JsonArray(SameThreeAsAccountDataPlusOne)),
            ("Streaming_History_Audio_2024.json", JsonArray(ThreePlays)));

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(4, import.Inserted);
        Assert.Equal(3, import.Duplicates);
        await using var db = await host.DbAsync();
        Assert.Equal(3, await db.Plays.CountAsync(p => p.Source == PlaySource.ExtendedHistory));
        Assert.Equal("Gamma Song",
            (await db.Plays.Include(p => p.Track).SingleAsync(p => p.Source == PlaySource.AccountData)).Track!.Name);
        Assert.Equal(3, await db.Tracks.CountAsync());
    }

    [Fact]
    public async Task The_extended_history_later_completes_plays_first_known_from_account_data()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        await host.ImportAsync(user.Id, ("StreamingHistory_music_0.json", JsonArray(SameThreeAsAccountDataPlusOne)));

        var import = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024.json", JsonArray(ThreePlays)));

        Assert.Equal(3, import.Merged);
        Assert.Equal(0, import.Inserted);
        await using var db = await host.DbAsync();
        Assert.Equal(4, await db.Plays.CountAsync());
        var exact = await db.Plays.Where(p => p.Source == PlaySource.ExtendedHistory).OrderBy(p => p.PlayedAt)
            .ToListAsync();
        Assert.Equal(
            [new DateTime(2024, 5, 1, 10, 3, 17, DateTimeKind.Utc),
                new DateTime(2024, 5, 1, 10, 6, 40, DateTimeKind.Utc),
                    new DateTime(2024, 5, 1, 10, 9, 59, DateTimeKind.Utc)],
            exact.Select(p => p.PlayedAt));
        Assert.All(exact, p => Assert.Equal("android", p.Platform));
        // The names-only tracks became the tracks with Spotify ids: no duplicate tracks.
        Assert.Equal(2, await db.Tracks.CountAsync(t => t.SpotifyId != null));
    }

    [Fact]
    public async Task A_play_already_stored_from_API_sync_is_merged_not_duplicated()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        await using (var db = await host.DbAsync())
        {
            var track = new Track { UserId = user.Id, Name = "Beta Song", SpotifyId = "2222222222222222222222" };
            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            // The API reported the play's end four seconds later than the export did, with less detail.
            db.Plays.Add(new Play
            {
                UserId = user.Id, TrackId = track.Id, Source = PlaySource.Sync, MsPlayed = 200_000,
                PlayedAt = new DateTime(2024, 5, 1, 10, 6, 44, DateTimeKind.Utc), LocalDate = new DateOnly(2024, 5, 1),
                    LocalHour = 10, LocalWeekday = 3,
                ContextUri = "spotify:playlist:37i9dQZF1DXcBWIGoYBM5M",
            });
            await db.SaveChangesAsync();
        }

        var import = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024.json", JsonArray(ThreePlays)));

        Assert.Equal(1, import.Merged);
        Assert.Equal(2, import.Inserted);
        await using (var db = await host.DbAsync())
        {
            Assert.Equal(3, await db.Plays.CountAsync());
            var merged = await db.Plays.SingleAsync(p => p.Track!.SpotifyId == "2222222222222222222222");
            Assert.Equal(PlaySource.ExtendedHistory, merged.Source);
            Assert.Equal(new DateTime(2024, 5, 1, 10, 6, 40, DateTimeKind.Utc), merged.PlayedAt);
            Assert.Equal("DE", merged.Country);
            Assert.Equal("spotify:playlist:37i9dQZF1DXcBWIGoYBM5M", merged.ContextUri);
        }

        var again = await host.ImportAsync(user.Id, ("Streaming_History_Audio_2024.json", JsonArray(ThreePlays)));
        Assert.Equal((0, 0, 3), (again.Inserted, again.Merged, again.Duplicates));
    }
}
