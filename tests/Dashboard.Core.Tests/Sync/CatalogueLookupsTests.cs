using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Core.Sync;

namespace Dashboard.Core.Tests.Sync;

public sealed class CatalogueLookupsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Counts_the_listeners_played_tracks_whose_look_up_has_not_answered_yet()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        var other = await host.AddUserAsync("someone-else");
        await using var db = await host.DbAsync();
        Track Add(int userId, string name, string? spotifyId, EnrichmentState state, bool played)
        {
            var track = new Track { UserId = userId, Name = name, SpotifyId = spotifyId, Enrichment = state };
            db.Tracks.Add(track);
            if (played)
            {
                var at = Now.UtcDateTime.AddDays(-1);
                db.Plays.Add(new Play { UserId = userId, Track = track, PlayedAt = at, MsPlayed = 60_000,
                    LocalDate = DateOnly.FromDateTime(at) });
            }
            return track;
        }
        Add(user.Id, "waiting", "0000000000000000000001", EnrichmentState.Pending, played: true);
        Add(user.Id, "also waiting (refused once)", "0000000000000000000002", EnrichmentState.Pending, played: true);
        Add(user.Id, "looked up", "0000000000000000000003", EnrichmentState.Done, played: true);
        Add(user.Id, "unknown to Spotify", "0000000000000000000004", EnrichmentState.NotFound, played: true);
        Add(user.Id, "no Spotify id", null, EnrichmentState.Pending, played: true);
        Add(user.Id, "never played", "0000000000000000000005", EnrichmentState.Pending, played: false);
        Add(other.Id, "someone else's", "0000000000000000000006", EnrichmentState.Pending, played: true);
        await db.SaveChangesAsync();
        await host.Get<RollupService>().RebuildAsync(user.Id, CancellationToken.None);
        await host.Get<RollupService>().RebuildAsync(other.Id, CancellationToken.None);

        var pending = await host.Get<CatalogueLookups>().TracksPendingAsync(user.Id, CancellationToken.None);

        Assert.Equal(2, pending);
    }
}
