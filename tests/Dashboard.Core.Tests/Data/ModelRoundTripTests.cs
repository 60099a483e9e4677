using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Data;

public sealed class ModelRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_play_and_its_catalogue_come_back_exactly_as_stored()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener", "Europe/Berlin");
        var playedAt = new DateTime(2026, 3, 29, 0, 59, 58, 123, DateTimeKind.Utc);

        await using (var db = await host.DbAsync())
        {
            var artist = new Artist { UserId = user.Id, Name = "Radiohead", SpotifyId = "4Z8W4fKeB5YxbusRsdQVPb" };
            var featured = new Artist { UserId = user.Id, Name = "Thom Yorke" };
            var album = new Album { UserId = user.Id, Name = "Kid A", PrimaryArtist = artist,
                ReleaseDate = "2000-10-02" };
            var track = new Track { UserId = user.Id, Name = "Everything In Its Right Place",
                SpotifyId = "2kRFrWaLWifQkBFasAWgMo", PrimaryArtist = artist, Album = album, DurationMs = 250_000 };
            track.Artists.Add(new TrackArtist { Artist = artist, Position = 0 });
            track.Artists.Add(new TrackArtist { Artist = featured, Position = 1 });
            db.Plays.Add(new Play
            {
                UserId = user.Id,
                PlayedAt = playedAt,
                MsPlayed = 245_000,
                ContentType = ContentType.Music,
                Track = track,
                Source = PlaySource.ExtendedHistory,
                Platform = "android",
                Country = "DE",
                ReasonStart = "clickrow",
                ReasonEnd = "trackdone",
                Shuffle = true,
                Skipped = null,
                Offline = false,
                OfflineAt = new DateTime(2026, 3, 29, 0, 55, 50, DateTimeKind.Utc),
                Incognito = false,
                LocalDate = new DateOnly(2026, 3, 29),
                LocalHour = 2,
                LocalWeekday = 7,
            });
            await db.SaveChangesAsync();
        }

        await using (var db = await host.DbAsync())
        {
            var play = await db.Plays.AsNoTracking()
                .Include(p => p.Track!).ThenInclude(t => t.Artists).ThenInclude(ta => ta.Artist)
                .Include(p => p.Track!).ThenInclude(t => t.Album)
                .SingleAsync();
            Assert.Equal(playedAt, play.PlayedAt);
            Assert.Equal(DateTimeKind.Utc, play.PlayedAt.Kind);
            Assert.Equal(DateTimeKind.Utc, play.OfflineAt!.Value.Kind);
            Assert.Equal(new DateOnly(2026, 3, 29), play.LocalDate);
            Assert.Equal((byte)2, play.LocalHour);
            Assert.Equal((byte)7, play.LocalWeekday);
            Assert.True(play.Shuffle);
            Assert.Null(play.Skipped);
            Assert.False(play.Offline);
            Assert.Equal(PlaySource.ExtendedHistory, play.Source);
            Assert.Equal("Kid A", play.Track!.Album!.Name);
            Assert.Equal(["Radiohead", "Thom Yorke"],
                play.Track.Artists.OrderBy(a => a.Position).Select(a => a.Artist!.Name));
        }
    }

    [Fact]
    public async Task The_same_play_cannot_be_stored_twice()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        await using var db = await host.DbAsync();
        var track = new Track { UserId = user.Id, Name = "Idioteque", SpotifyId = "6LgJvl0Xdtc73RJ1mmpotq" };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        var playedAt = new DateTime(2024, 8, 25, 17, 13, 28, DateTimeKind.Utc);

        db.Plays.Add(NewPlay(user.Id, track.Id, playedAt, 490));
        await db.SaveChangesAsync();
        // The export holds such pairs: same item, same end time, one of them with 0 ms played.
        db.Plays.Add(NewPlay(user.Id, track.Id, playedAt, 0));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Artists_named_but_not_resolved_are_unique_by_name_in_each_listeners_catalogue()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var other = await host.AddUserAsync("someone-else");
        await using var db = await host.DbAsync();
        db.Artists.Add(new Artist { UserId = user.Id, Name = "Cults" });
        db.Artists.Add(new Artist { UserId = user.Id, Name = "Cults", SpotifyId = "1wxPItEzr7U7rGSMPqZ25r" });
        // Another listener's Cults is another row, by name or by id.
        db.Artists.Add(new Artist { UserId = other.Id, Name = "Cults" });
        db.Artists.Add(new Artist { UserId = other.Id, Name = "Cults", SpotifyId = "1wxPItEzr7U7rGSMPqZ25r" });
        await db.SaveChangesAsync();

        db.Artists.Add(new Artist { UserId = user.Id, Name = "Cults" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    private static Play NewPlay(int userId, int trackId, DateTime playedAt, int msPlayed) => new()
    {
        UserId = userId,
        TrackId = trackId,
        PlayedAt = playedAt,
        MsPlayed = msPlayed,
        LocalDate = DateOnly.FromDateTime(playedAt),
        LocalHour = (byte)playedAt.Hour,
        LocalWeekday = 7,
    };
}
