using System.Net;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Reads never write: the endpoints that show weekly charts, item details and the figures beside them read what the
/// jobs that change the plays built, and build nothing themselves. One app for the class; the listener is the test's
/// own.
/// </summary>
public sealed class ReadsWriteNothingTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_analytics_read_leaves_the_rollup_state_and_the_weekly_charts_as_they_were()
    {
        using var listener = await app.Factory.SignInNewListenerAsync();
        var userId = listener.UserId;
        int trackId, artistId;
        await using (var db = await app.Factory.DbAsync())
        {
            // As a job that changed the plays and has not built the charts and sessions yet leaves it.
            await db.RollupStates.Where(s => s.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.DataVersion, x => x.DataVersion + 1), Ct);
            trackId = await db.Plays.Where(p => p.UserId == userId && p.TrackId != null).Select(p => p.TrackId!.Value)
                .FirstAsync(Ct);
            artistId = await db.TrackArtists.Where(ta => ta.TrackId == trackId).Select(ta => ta.ArtistId)
                .FirstAsync(Ct);
        }
        var before = await StateAsync(userId);

        string[] reads =
        [
            "/api/v1/charts/weekly", "/api/v1/charts/weekly?kind=artists", $"/api/v1/tracks/{trackId}",
            $"/api/v1/artists/{artistId}",
            "/api/v1/analytics/overview", "/api/v1/analytics/trend", "/api/v1/analytics/rollup-status",
            "/api/v1/tracks/top",
            "/api/v1/artists/top", "/api/v1/albums/top", "/api/v1/history", "/api/v1/genres/distribution",
        ];
        foreach (var read in reads)
        {
            var response = await listener.Client.GetAsync(read, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {read} answered {(int)response.StatusCode}.");
        }

        Assert.Equal(before, await StateAsync(userId));
    }

    private async Task<(long Data, long Charts, long SessionsBuilt, int ChartRows, int SessionRows)> StateAsync(
        int userId)
    {
        await using var db = await app.Factory.DbAsync();
        var state = await db.RollupStates.AsNoTracking().SingleAsync(s => s.UserId == userId, Ct);
        return (state.DataVersion, state.ChartsVersion, state.SessionsVersion,
            await db.WeeklyCharts.CountAsync(c => c.UserId == userId, Ct),
            await db.ListeningSessions.CountAsync(s => s.UserId == userId, Ct));
    }
}
