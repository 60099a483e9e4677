using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>One genre's plays: every counted play of a track whose artist Spotify files under it.</summary>
/// <param name="Share">Of all genre plays, so the shares add up to 1.</param>
public sealed record GenreShare(string Name, int Plays, double Share);

/// <param name="PlaysWithGenre">Counted plays by an artist whose genres are known; a play counts once here, however
/// many genres its artists have.</param>
/// <param name="Plays">Every counted play of a track in the range, for comparison: genres are known only for artists
/// the sync has looked up.</param>
public sealed record GenreDistribution(PeriodSelection Selection, DayRange Range, IReadOnlyList<GenreShare> Genres,
    int PlaysWithGenre, int Plays);

/// <summary>
/// Listening by genre. Spotify gives genres for artists only (never tracks), and only for artists the sync has
/// looked up one at a time, so the distribution covers the plays whose artists have genres and says how many those are.
/// </summary>
public class GenresService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public virtual async Task<GenreDistribution> GetAsync(int userId, PeriodSelection selection,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        var range = await user.ResolveAsync(db, selection, clock, cancellationToken);
        var tracks = ItemStats.Tracks(db, user, range, selection.IsAllTime);

        // Per track, the genres of all its artists; a track by two artists of the same genre counts once for it.
        var credited = await tracks
            .Join(db.TrackArtists, s => s.ItemId, credit => credit.TrackId,
                (s, credit) => new { s.ItemId, s.Plays, credit.ArtistId })
            .Join(db.Artists.Where(a => a.Genres != null && a.Genres != ""), x => x.ArtistId, a => a.Id,
                (x, a) => new { x.ItemId, x.Plays, a.Genres })
            .ToListAsync(cancellationToken);
        var perTrack = credited.GroupBy(x => x.ItemId)
            .Select(g =>
                (g.First().Plays,
                    Genres: g.SelectMany(x => Split(x.Genres!)).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();
        var genres = perTrack.SelectMany(t => t.Genres.Select(genre => (Genre: genre, t.Plays)))
            .GroupBy(x => x.Genre, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Name: g.Key, Plays: g.Sum(x => x.Plays)))
            .Where(g => g.Plays > 0)
            .ToList();
        var genrePlays = genres.Sum(g => g.Plays);
        var shares = genres
            .OrderByDescending(g => g.Plays).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => new GenreShare(g.Name, g.Plays, (double)g.Plays / genrePlays))
            .ToList();
        return new GenreDistribution(selection, range, shares, perTrack.Sum(t => t.Plays),
            await tracks.SumAsync(s => s.Plays, cancellationToken));
    }

    /// <summary>Genres are stored as Spotify lists them, joined by ", ".</summary>
    private static IEnumerable<string> Split(string genres) =>
        genres.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
