using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>
/// How many of a listener's played tracks still wait for their Spotify look-up. Until it, a track knows only what the
/// export named (its first artist, its album by name); each look-up credits the rest, so figures by artist and album
/// move for a while after a first import.
/// </summary>
public class CatalogueLookups(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public virtual async Task<int> TracksPendingAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PendingTracks(db, userId).CountAsync(cancellationToken);
    }

    /// <summary>
    /// The user's played tracks with a Spotify id whose look-up has not answered yet; a refused one stays pending, and
    /// one Spotify does not know is not.
    /// </summary>
    internal static IQueryable<Track> PendingTracks(DashboardDbContext db, int userId) =>
        db.Tracks.Where(t => t.UserId == userId && t.SpotifyId != null && t.Enrichment == EnrichmentState.Pending
            && db.ItemTotals.Any(i => i.UserId == userId && i.Kind == ItemKind.Track && i.ItemId == t.Id));
}
