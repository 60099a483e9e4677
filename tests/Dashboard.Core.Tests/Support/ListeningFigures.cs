using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Support;

/// <summary>
/// The figures the pages show over all time, as text so that two sets compare at a glance: plays, time, uniques and
/// listening days; the listening clock; streaks; the top tracks, artists and albums; a week's chart; sessions; how
/// many plays History lists. <see cref="CountAsync"/> counts them with plain LINQ from the listener's raw plays and the
/// catalogue's credits, under the default rule (30 s), without the app's services, rollups or <c>counted</c> column;
/// <see cref="FromAppAsync"/> reads them from the services the pages call.
/// </summary>
public sealed record ListeningFigures(string Headline, string Clock, string Streaks, string TopTracks,
    string TopArtists, string TopAlbums, string Chart, int Sessions, int HistoryPlays)
{
    private const int Top = 5;
    private const int ChartLength = 20;

    public static async Task<ListeningFigures> CountAsync(CoreTestHost host, int userId, DateOnly chartWeek)
    {
        await using var db = await host.DbAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        Assert.Equal(PlayCountRule.AtLeast30Seconds, user.PlayCountRule);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone);
        var plays = (await db.Plays.AsNoTracking().Where(p => p.UserId == userId)
                .Select(p => new { p.Id, p.PlayedAt, p.MsPlayed, p.TrackId })
                .ToListAsync())
            .Select(p => new Raw(p.Id, p.PlayedAt, p.MsPlayed, p.TrackId,
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(p.PlayedAt, zone)),
                TimeZoneInfo.ConvertTimeFromUtc(p.PlayedAt, zone).Hour))
            .ToList();
        var counted = plays.Where(p => p.MsPlayed >= 30_000).ToList();
        var tracks = counted.Where(p => p.TrackId is not null).ToList();
        var trackIds = tracks.Select(p => p.TrackId!.Value).Distinct().ToList();
        var credits = (await db.TrackArtists.AsNoTracking().Where(ta => trackIds.Contains(ta.TrackId)).ToListAsync())
            .ToLookup(ta => ta.TrackId, ta => ta.ArtistId);
        var albums = await db.Tracks.AsNoTracking().Where(t => trackIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.AlbumId);

        var days = counted.Select(p => p.LocalDay).ToHashSet();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(host.Clock.GetUtcNow().UtcDateTime, zone));
        var (longest, run) = (0, 0);
        for (var day = days.Count == 0 ? today : days.Min(); day <= today; day = day.AddDays(1))
        {
            run = days.Contains(day) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var current = 0;
        for (var day = days.Contains(today) ? today : today.AddDays(-1); days.Contains(day); day = day.AddDays(-1))
        {
            current++;
        }
        var monday = chartWeek.AddDays(-(((int)chartWeek.DayOfWeek + 6) % 7));
        return new ListeningFigures(
            Text(counted.Count, counted.Sum(p => (long)p.MsPlayed), trackIds.Count,
                trackIds.SelectMany(t => credits[t]).Distinct().Count(),
                trackIds.Select(t => albums[t]).Where(a => a is not null).Distinct().Count(), days.Count),
            Text(counted.GroupBy(p => (Weekday(p.LocalDay), p.Hour)).OrderBy(g => g.Key)
                .Select(g => $"{g.Key.Item1}/{g.Key.Hour}:{g.Count()}")),
            Text(current, longest),
            Ranked(tracks, p => [p.TrackId!.Value], Top),
            Ranked(tracks, p => credits[p.TrackId!.Value], Top),
            Ranked(tracks, p => albums[p.TrackId!.Value] is { } album ? [album] : [], Top),
            Ranked(tracks.Where(p => p.LocalDay >= monday && p.LocalDay <= monday.AddDays(6)), p => [p.TrackId!.Value],
                ChartLength),
            CountSessions(plays),
            plays.Count);
    }

    public static async Task<ListeningFigures> FromAppAsync(CoreTestHost host, int userId, DateOnly chartWeek)
    {
        var ct = CancellationToken.None;
        var overview = await host.Get<OverviewService>().GetAsync(userId, PeriodSelection.AllTime, ct);
        var chart = await host.Get<ChartsService>().GetAsync(userId, ChartKind.Tracks, chartWeek, ChartLength, ct);
        var habits = await host.Get<HabitsService>().GetAsync(userId, PeriodSelection.AllTime, ct);
        var history = await host.Get<HistoryService>().GetAsync(userId, new HistoryQuery(), ct);
        var headline = overview.Current;
        return new ListeningFigures(
            Text(headline.Plays, headline.ListeningMs, headline.UniqueTracks, headline.UniqueArtists,
                headline.UniqueAlbums, headline.ListeningDays),
            Text(overview.Clock.Select(c => $"{c.Weekday}/{c.Hour}:{c.Plays}")),
            Text(overview.Streaks.Current, overview.Streaks.Longest),
            Text(overview.TopTracks.Select(t => $"{t.Id}:{t.Plays}")),
            Text(overview.TopArtists.Select(t => $"{t.Id}:{t.Plays}")),
            Text(overview.TopAlbums.Select(t => $"{t.Id}:{t.Plays}")),
            chart.WeekStart == chartWeek.AddDays(-(((int)chartWeek.DayOfWeek + 6) % 7))
                ? Text(chart.Lines.Select(l => $"{l.Item.Id}:{l.Item.Plays}"))
                : "",
            habits.Sessions,
            history.Total);
    }

    private sealed record Raw(long Id, DateTime PlayedAt, int MsPlayed, int? TrackId, DateOnly LocalDay, int Hour);

    /// <summary>Items ranked as every list ranks them: by plays, then time, then id.</summary>
    private static string Ranked(IEnumerable<Raw> plays, Func<Raw, IEnumerable<int>> items, int take) =>
        Text(plays.SelectMany(p => items(p).Select(id => (Id: id, p.MsPlayed)))
            .GroupBy(x => x.Id)
            .Select(g => (Id: g.Key, Plays: g.Count(), Ms: g.Sum(x => (long)x.MsPlayed)))
            .OrderByDescending(x => x.Plays).ThenByDescending(x => x.Ms).ThenBy(x => x.Id)
            .Take(take)
            .Select(x => $"{x.Id}:{x.Plays}"));

    /// <summary>Sessions over every play: more than ten minutes from one's end to the next's start ends one.</summary>
    private static int CountSessions(List<Raw> plays)
    {
        var sessions = 0;
        DateTime? end = null;
        foreach (var play in plays.OrderBy(p => p.PlayedAt).ThenBy(p => p.Id))
        {
            var start = play.PlayedAt.AddMilliseconds(-play.MsPlayed);
            if (end is null || start - end > TimeSpan.FromMinutes(10))
            {
                sessions++;
                end = play.PlayedAt;
            }
            end = play.PlayedAt > end ? play.PlayedAt : end;
        }
        return sessions;
    }

    private static int Weekday(DateOnly day) => day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;

    private static string Text(params object[] values) => string.Join(" ", values);

    private static string Text(IEnumerable<string> values) => string.Join(" ", values);
}
