using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Sync;

/// <summary>The notes a sync step leaves for the Sync jobs page read as English for a count of one.</summary>
public sealed class SyncNoteTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_rollups_step_names_one_track_and_one_listener_in_the_singular()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener", "Europe/Berlin");
        await using var db = await host.DbAsync();
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PlayCountRule, PlayCountRule.AtLeastHalf));
        var artist = new Artist { UserId = user.Id, Name = "Alpha" };
        var track = new Track { UserId = user.Id, Name = "One", DurationMs = 200_000, PrimaryArtist = artist };
        track.Artists.Add(new TrackArtist { Artist = artist, Position = 0 });
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        var playedAt = Now.UtcDateTime.AddDays(-1);
        db.Plays.Add(new Play { UserId = user.Id, TrackId = track.Id, PlayedAt = playedAt, MsPlayed = 150_000,
            LocalDate = DateOnly.FromDateTime(playedAt) });
        await db.SaveChangesAsync();
        await host.Get<RollupService>().RebuildAsync(user.Id, CancellationToken.None);
        var changes = new CatalogueChanges();
        changes.Relengthened.Add(track.Id);
        changes.Recredited.Add(track.Id);

        var step = await host.Get<ChangedFiguresRefresh>().RunAsync(user.Id, changes, CancellationToken.None);

        Assert.Equal(
            "1 track with a new length: plays recounted for 1 listener counting half a track; " +
            "1 track credited anew: artist and album totals refreshed for 1 listener",
            step.Details);
    }
}
