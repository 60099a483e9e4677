using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Core.Spotify;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sync;

/// <summary>
/// The sync's catalogue look-ups: tracks, artists and albums asked of Spotify within the request budget.
/// </summary>
public sealed class CatalogueEnrichment(
    IDbContextFactory<DashboardDbContext> dbFactory,
    SpotifyClient spotify,
    SpotifyRequestBudget budget,
    IOptions<SyncOptions> options,
    TimeProvider clock)
{
    /// <summary>Looks tracks, then artists and albums up one at a time, most played first, within the budget.</summary>
    internal async Task<SyncStepResult> RunAsync(int userId, CatalogueChanges changes,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pausedUntil = await db.Users.Where(u => u.Id == userId).Select(u => u.EnrichmentPausedUntil)
            .SingleAsync(cancellationToken);
        if (pausedUntil is { } until && until > clock.GetUtcNow().UtcDateTime)
        {
            // Every look-up would be refused until the quota resets; asking would only spend the next day's calls
            // sooner.
            return SyncStepResult.Paused(until,
                $"paused: the app's daily Spotify quota is spent until {until:u}; look-ups resume then");
        }
        var catalogue = new SpotifyCatalogue(db, userId, clock, changes);
        var looked = 0;
        var refused = 0;
        var missing = 0;
        var limit = options.Value.LookupsPerRun;

        var tracks = await UnresolvedAsync<Track>(db, userId, ItemKind.Track, limit, cancellationToken);
        foreach (var candidate in tracks)
        {
            if (!budget.TryConsume(userId))
            {
                break;
            }
            looked++;
            try
            {
                var found = await spotify.GetTrackAsync(userId, candidate.SpotifyId, cancellationToken);
                if (found is null)
                {
                    await MarkNotFoundAsync(db.Tracks, candidate.Id, cancellationToken);
                    missing++;
                    continue;
                }
                await catalogue.UpsertTrackAsync(found, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (SpotifyRefusedException)
            {
                // Stays pending: a refusal is not an answer about the track, so it is asked again another time.
                refused++;
            }
        }

        // Then artists and albums together, most played first: a track look-up has given many of them their ids.
        var left = Math.Max(0, limit - looked);
        var artists = await UnresolvedAsync<Artist>(db, userId, ItemKind.Artist, left, cancellationToken);
        var albums = await UnresolvedAsync<Album>(db, userId, ItemKind.Album, left, cancellationToken);
        foreach (var candidate in artists.Concat(albums).OrderByDescending(c => c.Plays).ThenBy(c => c.Kind)
            .ThenBy(c => c.Id).Take(left))
        {
            if (!budget.TryConsume(userId))
            {
                break;
            }
            looked++;
            try
            {
                var found = candidate.Kind == ItemKind.Artist
                    ? await spotify.GetArtistAsync(userId, candidate.SpotifyId, cancellationToken) is { } artist
                      && await catalogue.CompleteArtistAsync(artist, cancellationToken) is not null
                    : await spotify.GetAlbumAsync(userId, candidate.SpotifyId, cancellationToken) is { } album
                      && await catalogue.CompleteAlbumAsync(album, cancellationToken) is not null;
                if (!found)
                {
                    await (candidate.Kind == ItemKind.Artist
                        ? MarkNotFoundAsync(db.Artists, candidate.Id, cancellationToken)
                        : MarkNotFoundAsync(db.Albums, candidate.Id, cancellationToken));
                    missing++;
                    continue;
                }
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (SpotifyRefusedException)
            {
                // Stays pending, as a refused track does.
                refused++;
            }
        }

        var pending = await CatalogueLookups.PendingTracks(db, userId).CountAsync(cancellationToken);
        return new SyncStepResult(looked - refused - missing,
            $"{looked} looked up ({refused} refused, {missing} not found), " +
            $"{Figures.Count(pending, "track")} still to look up, " +
            $"{Figures.Count(budget.Remaining(userId), "call")} left this hour");
    }

    private sealed record Unresolved(ItemKind Kind, int Id, string SpotifyId, int Plays);

    /// <summary>
    /// The user's played <paramref name="kind"/> with a Spotify id and no look-up yet, most played first.
    /// </summary>
    private static Task<List<Unresolved>> UnresolvedAsync<T>(DashboardDbContext db, int userId, ItemKind kind, int take,
        CancellationToken cancellationToken) where T : class, ICatalogueEntry =>
        db.ItemTotals.Where(t => t.UserId == userId && t.Kind == kind)
            .Join(db.Set<T>(), t => t.ItemId, e => e.Id, (t, e) => new { e.Id, e.SpotifyId, e.Enrichment, t.AllPlays })
            .Where(x => x.SpotifyId != null && x.Enrichment == EnrichmentState.Pending)
            .OrderByDescending(x => x.AllPlays).ThenBy(x => x.Id).Take(take)
            .Select(x => new Unresolved(kind, x.Id, x.SpotifyId!, x.AllPlays))
            .ToListAsync(cancellationToken);

    /// <summary>Spotify answered that it has no such item: it is not asked about again.</summary>
    private static Task<int> MarkNotFoundAsync<T>(DbSet<T> entries, int id, CancellationToken cancellationToken) where T
        : class, ICatalogueEntry =>
        entries.Where(e => e.Id == id)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Enrichment, EnrichmentState.NotFound), cancellationToken);
}
