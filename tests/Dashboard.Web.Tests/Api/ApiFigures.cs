using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// All-time figures as text, so that two sets compare at a glance: plays, time, uniques, listening days and the
/// longest streak; plays per hour; the top ten tracks, artists and albums; how many plays History lists.
/// <see cref="ReadAsync"/> reads them from the JSON API; <see cref="Count"/> counts them from a listener's raw plays
/// (<see cref="ListeningOracle"/>).
/// </summary>
public sealed record ApiFigures(string Headline, string Hourly, string TopTracks, string TopArtists, string TopAlbums,
    int HistoryPlays)
{
    public static async Task<ApiFigures> ReadAsync(HttpClient client)
    {
        var overview = await client.GetFromJsonAsync<JsonElement>("/api/v1/analytics/overview?period=all_time");
        var history = await client.GetFromJsonAsync<JsonElement>("/api/v1/history?limit=1");
        return new ApiFigures(
            string.Join(" ", new[]
            {
                "total_tracks_played", "total_ms_played", "unique_tracks", "unique_artists", "unique_albums",
                "listening_days", "longest_streak_days",
            }.Select(name => overview.GetProperty(name).GetInt64())),
            string.Join(" ", overview.GetProperty("hourly_distribution").EnumerateArray()
                .Select(h => h.GetProperty("plays").GetInt32())),
            await TopAsync(client, "tracks"),
            await TopAsync(client, "artists"),
            await TopAsync(client, "albums"),
            history.GetProperty("total").GetInt32());
    }

    public static ApiFigures Count(ListeningOracle plays)
    {
        var counted = plays.Counted;
        var days = counted.Select(p => p.LocalDay).ToHashSet();
        var (longest, run) = (0, 0);
        for (var day = days.Count == 0 ? plays.Today : days.Min(); day <= plays.Today; day = day.AddDays(1))
        {
            run = days.Contains(day) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var hours = counted.GroupBy(p => TimeZoneInfo.ConvertTimeFromUtc(p.PlayedAt, plays.Zone).Hour)
            .ToDictionary(g => g.Key, g => g.Count());
        return new ApiFigures(
            string.Join(" ", counted.Count, counted.Sum(p => (long)p.MsPlayed),
                plays.CountedTracks.Select(p => p.TrackId).Distinct().Count(),
                plays.CountedTracks.SelectMany(plays.Artists).Distinct().Count(),
                plays.CountedTracks.SelectMany(plays.Album).Distinct().Count(), days.Count, longest),
            string.Join(" ", Enumerable.Range(0, 24).Select(h => hours.GetValueOrDefault(h))),
            Top(plays.Ranked(plays.Track)),
            Top(plays.Ranked(plays.Artists)),
            Top(plays.Ranked(plays.Album)),
            plays.Plays.Count);
    }

    private static async Task<string> TopAsync(HttpClient client, string kind)
    {
        var top = await client.GetFromJsonAsync<JsonElement>($"/api/v1/{kind}/top?period=all_time&limit=10");
        return string.Join(" ", top.GetProperty("items").EnumerateArray()
            .Select(i => $"{i.GetProperty("id").GetInt32()}:{i.GetProperty("play_count").GetInt32()}"));
    }

    private static string Top(List<(int Id, int Plays)> ranked) =>
        string.Join(" ", ranked.Take(10).Select(r => $"{r.Id}:{r.Plays}"));
}
