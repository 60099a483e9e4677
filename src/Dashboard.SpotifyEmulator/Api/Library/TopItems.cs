using System.Collections.Concurrent;
using Dashboard.SpotifyEmulator.Demo;

namespace Dashboard.SpotifyEmulator.Api.Library;

/// <summary>Spotify's three top-item windows, ending at the start of the current UTC day.</summary>
internal enum TopRange
{
    ShortTerm,
    MediumTerm,
    LongTerm,
}

internal sealed record TopRanking(IReadOnlyList<DemoTrack> Tracks, IReadOnlyList<DemoArtist> Artists);

/// <summary>
/// Top tracks and artists ranked by the listener's plays in a window. Spotify recomputes affinities about once a
/// day, so a ranking covers whole days up to today's midnight UTC and is kept until the day changes.
/// </summary>
internal sealed class TopItems
{
    private readonly ConcurrentDictionary<(string UserId, TopRange Range), (DateTime Day, TopRanking Ranking)> _cache =
        new();

    public static TopRange? ParseRange(string? value) => value switch
    {
        null or "" or "medium_term" => TopRange.MediumTerm,
        "short_term" => TopRange.ShortTerm,
        "long_term" => TopRange.LongTerm,
        _ => null,
    };

    /// <summary>How far back each window reaches: about 4 weeks, 6 months and a year.</summary>
    public static TimeSpan Span(TopRange range) => range switch
    {
        TopRange.ShortTerm => TimeSpan.FromDays(28),
        TopRange.MediumTerm => TimeSpan.FromDays(182),
        _ => TimeSpan.FromDays(365),
    };

    public TopRanking For(EmulatedUser user, TopRange range, DateTime now)
    {
        var today = now.Date;
        var key = (user.Id, range);
        if (_cache.TryGetValue(key, out var cached) && cached.Day == today)
        {
            return cached.Ranking;
        }
        var ranking = Rank(ListeningHistory.TrackPlaysBetween(user, today - Span(range), today).ToList());
        _cache[key] = (today, ranking);
        return ranking;
    }

    private static TopRanking Rank(List<DemoPlay> plays)
    {
        var tracks = plays.GroupBy(p => p.Track!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        var artists = plays.SelectMany(p => p.Track!.Featured.Prepend(p.Track.Artist))
            .GroupBy(a => a)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        return new TopRanking(tracks, artists);
    }
}
