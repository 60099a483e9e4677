using Dashboard.Core.Data;
using Dashboard.Core.Formatting;
using Dashboard.Core.Spotify;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>The sync's top items step.</summary>
public sealed class TopItemsSync(IDbContextFactory<DashboardDbContext> dbFactory, SpotifyClient spotify,
    TimeProvider clock)
{
    /// <summary>
    /// Spotify's own top artists and tracks over its three ranges: more artwork, genres and lengths for the catalogue.
    /// </summary>
    internal async Task<SyncStepResult> RunAsync(int userId, CatalogueChanges changes,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var catalogue = new SpotifyCatalogue(db, userId, clock, changes);
        var count = 0;
        foreach (var range in Enum.GetValues<SpotifyTimeRange>())
        {
            var artists =
                (await spotify.GetTopArtistsAsync(userId, range, SpotifyClient.MaxPageSize, 0,
                    cancellationToken)).Items;
            var tracks =
                (await spotify.GetTopTracksAsync(userId, range, SpotifyClient.MaxPageSize, 0, cancellationToken)).Items;
            await catalogue.LoadAsync(tracks, [], artists.Select(a => a.AsSummary()).ToList(), cancellationToken);
            foreach (var artist in artists)
            {
                await catalogue.CompleteArtistAsync(artist, cancellationToken);
            }
            foreach (var track in tracks)
            {
                await catalogue.UpsertTrackAsync(track, cancellationToken);
            }
            count += artists.Count + tracks.Count;
            await db.SaveChangesAsync(cancellationToken);
        }
        return new SyncStepResult(count,
            $"{Figures.Count(count, "top artist or track", "top artists and tracks")} over the short, medium and " +
            "long term");
    }
}
