using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Analytics;

/// <summary>
/// Deleting plays, one or every play of a range of local days: what is deleted is what a count of the raw plays says,
/// and every figure is what the plays that remain make, counted from them and read from the app alike. Two listeners
/// in New York have the sample export each; only one deletes.
/// </summary>
public sealed class PlayDeletionTests
{
    private const string Zone = "America/New_York";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deleting_the_plays_of_a_range_of_days_deletes_what_those_local_days_hold_and_no_one_elses()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var (user, bystander) = await TwoListenersAsync(host);
        var (from, to) = (new DateOnly(2024, 10, 1), new DateOnly(2024, 10, 31));
        var chartWeek = new DateOnly(2024, 10, 7);
        var bystanderFigures = await ListeningFigures.FromAppAsync(host, bystander, chartWeek);
        var days = (await LocalDaysAsync(host, user)).Where(d => d >= from && d <= to).ToList();
        var expected = new RemovedPlays(days.Count, days.Min(), days.Max());
        var deletion = host.Get<PlayDeletion>();

        Assert.Equal(expected, await deletion.CountDaysAsync(user, from, to, Ct));
        var removed = await deletion.DeleteDaysAsync(user, from, to, Ct);

        Assert.Equal(expected, removed);
        var left = await LocalDaysAsync(host, user);
        Assert.Equal(3318 - days.Count, left.Count);
        Assert.DoesNotContain(left, d => d >= from && d <= to);
        var figures = await ListeningFigures.CountAsync(host, user, chartWeek);
        Assert.Equal(figures, await ListeningFigures.FromAppAsync(host, user, chartWeek));
        Assert.Equal(("", left.Count), (figures.Chart, figures.HistoryPlays));
        Assert.Equal(bystanderFigures, await ListeningFigures.FromAppAsync(host, bystander, chartWeek));
        Assert.Equal(new RemovedPlays(0, null, null), await deletion.DeleteDaysAsync(user, from, to, Ct));
    }

    [Fact]
    public async Task Deleting_one_play_takes_it_out_of_every_figure_and_another_listeners_play_cannot_be_deleted()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var (user, bystander) = await TwoListenersAsync(host);
        await using var db = await host.DbAsync();
        // A counted play of the listener's most played track.
        var counted = db.Plays.Where(p => p.UserId == user && p.TrackId != null && p.MsPlayed >= 30_000);
        var top = await counted.GroupBy(p => p.TrackId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key).FirstAsync(Ct);
        var play = await counted.Where(p => p.TrackId == top).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.LocalDate }).FirstAsync(Ct);
        var othersPlay = await db.Plays.Where(p => p.UserId == bystander).OrderBy(p => p.Id).Select(p => p.Id)
            .FirstAsync(Ct);
        var before = await ListeningFigures.FromAppAsync(host, user, play.LocalDate);
        var bystanderFigures = await ListeningFigures.FromAppAsync(host, bystander, play.LocalDate);
        var deletion = host.Get<PlayDeletion>();

        Assert.False(await deletion.DeletePlayAsync(user, othersPlay, Ct));
        Assert.True(await deletion.DeletePlayAsync(user, play.Id, Ct));
        Assert.False(await deletion.DeletePlayAsync(user, play.Id, Ct));

        var after = await ListeningFigures.CountAsync(host, user, play.LocalDate);
        Assert.Equal(after, await ListeningFigures.FromAppAsync(host, user, play.LocalDate));
        Assert.Equal(before.HistoryPlays - 1, after.HistoryPlays);
        Assert.Equal(int.Parse(before.Headline.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) - 1,
            int.Parse(after.Headline.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(await db.Plays.AnyAsync(p => p.Id == play.Id, Ct));
        Assert.True(await db.Plays.AnyAsync(p => p.Id == othersPlay, Ct));
        Assert.Equal(bystanderFigures, await ListeningFigures.FromAppAsync(host, bystander, play.LocalDate));
    }

    private static async Task<(int User, int Bystander)> TwoListenersAsync(CoreTestHost host)
    {
        var user = await host.AddUserAsync("listener", Zone);
        var bystander = await host.AddUserAsync("bystander", Zone);
        await host.ImportFilesAsync(user.Id, Samples.ExtendedAudio);
        await host.ImportFilesAsync(bystander.Id, Samples.ExtendedAudio);
        return (user.Id, bystander.Id);
    }

    /// <summary>The local day of each of the listener's plays, worked out here from when it ended.</summary>
    private static async Task<List<DateOnly>> LocalDaysAsync(CoreTestHost host, int userId)
    {
        await using var db = await host.DbAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        return (await db.Plays.Where(p => p.UserId == userId).Select(p => p.PlayedAt).ToListAsync(Ct))
            .Select(at => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at, zone)))
            .ToList();
    }
}
