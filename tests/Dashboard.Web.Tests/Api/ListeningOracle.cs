using Dashboard.Core.Listening;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// A user's plays straight from the plays table, counted here with plain LINQ: the figures the API must agree with,
/// computed without any of the app's services, rollups or its <c>counted</c> column.
/// </summary>
public sealed class ListeningOracle
{
    private ListeningOracle(List<RawPlay> plays, Dictionary<int, int[]> trackArtists, Dictionary<int, int?> trackAlbums,
        Dictionary<int, string[]> artistGenres, Dictionary<int, string> artistNames, Dictionary<int, string> trackNames,
        TimeZoneInfo zone)
    {
        ArtistNames = artistNames;
        TrackNames = trackNames;
        Plays = plays;
        TrackArtists = trackArtists;
        TrackAlbums = trackAlbums;
        ArtistGenres = artistGenres;
        Zone = zone;
    }

    public sealed record RawPlay(long Id, DateTime PlayedAt, int MsPlayed, int? TrackId, int? EpisodeId,
        string? Platform, DateOnly LocalDay);

    /// <summary>Every play of the user, counted or not.</summary>
    public List<RawPlay> Plays { get; }

    public Dictionary<int, int[]> TrackArtists { get; }
    public Dictionary<int, int?> TrackAlbums { get; }
    public Dictionary<int, string[]> ArtistGenres { get; }
    public Dictionary<int, string> ArtistNames { get; }
    public Dictionary<int, string> TrackNames { get; }
    public TimeZoneInfo Zone { get; }

    /// <summary>The plays that count under the default rule: at least 30 seconds played.</summary>
    public List<RawPlay> Counted => Plays.Where(p => p.MsPlayed >= 30_000).ToList();

    public List<RawPlay> CountedTracks => Counted.Where(p => p.TrackId is not null).ToList();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone));

    public static async Task<ListeningOracle> LoadAsync(DashboardFactory factory, int userId)
    {
        await using var db = await factory.DbAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        if (user.PlayCountRule != PlayCountRule.AtLeast30Seconds)
        {
            throw new InvalidOperationException("The oracle counts with the default rule.");
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone);
        var rows = await db.Plays.AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new { p.Id, p.PlayedAt, p.MsPlayed, p.TrackId, p.EpisodeId, p.Platform })
            .ToListAsync();
        var plays = rows.Select(p => new RawPlay(p.Id, p.PlayedAt, p.MsPlayed, p.TrackId, p.EpisodeId, p.Platform,
            DateOnly.FromDateTime(
                TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(p.PlayedAt, DateTimeKind.Utc), zone)))).ToList();
        var trackIds = plays.Where(p => p.TrackId is not null).Select(p => p.TrackId!.Value).Distinct().ToList();
        var credits = await db.TrackArtists.AsNoTracking().Where(ta => trackIds.Contains(ta.TrackId))
            .Select(ta => new { ta.TrackId, ta.ArtistId }).ToListAsync();
        var albums = await db.Tracks.AsNoTracking().Where(t => trackIds.Contains(t.Id))
            .Select(t => new { t.Id, t.AlbumId, t.Name }).ToListAsync();
        var artistIds = credits.Select(c => c.ArtistId).Distinct().ToList();
        var genres = await db.Artists.AsNoTracking().Where(a => artistIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Genres, a.Name }).ToListAsync();
        return new ListeningOracle(plays,
            credits.GroupBy(c => c.TrackId).ToDictionary(g => g.Key, g => g.Select(c => c.ArtistId).ToArray()),
            albums.ToDictionary(a => a.Id, a => a.AlbumId),
            genres.ToDictionary(a => a.Id,
            a => (a.Genres ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            genres.ToDictionary(a => a.Id, a => a.Name),
            albums.ToDictionary(a => a.Id, a => a.Name),
            zone);
    }

    /// <summary>Counted plays per item, ranked as top lists rank: plays, then time, then id.</summary>
    public List<(int Id, int Plays)> Ranked(Func<RawPlay, IEnumerable<int>> items,
        IEnumerable<RawPlay>? plays = null) =>
        (plays ?? CountedTracks).SelectMany(p => items(p).Select(id => (Id: id, p.MsPlayed)))
            .GroupBy(x => x.Id)
            .Select(g => (Id: g.Key, Plays: g.Count(), Ms: g.Sum(x => (long)x.MsPlayed)))
            .OrderByDescending(x => x.Plays).ThenByDescending(x => x.Ms).ThenBy(x => x.Id)
            .Select(x => (x.Id, x.Plays))
            .ToList();

    public IEnumerable<int> Track(RawPlay play) => [play.TrackId!.Value];

    public IEnumerable<int> Artists(RawPlay play) => TrackArtists.GetValueOrDefault(play.TrackId!.Value, []);

    public IEnumerable<int> Album(RawPlay play) => TrackAlbums.GetValueOrDefault(play.TrackId!.Value) is { } album
        ? [album] : [];
}
