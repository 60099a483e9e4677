using Dashboard.Core.Data;
using Dashboard.Core.Formatting;
using Dashboard.Core.Spotify;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>The sync's library step: playlists, saved albums and followed artists.</summary>
public sealed class LibrarySync(IDbContextFactory<DashboardDbContext> dbFactory, SpotifyClient spotify,
    SpotifyRequestBudget budget, TimeProvider clock)
{
    /// <summary>
    /// Playlists, saved albums and followed artists, every page of them: their artwork and ids fill in the catalogue.
    /// Playlists have no place in the data model, so they are only counted. The first page of each is always read; each
    /// further page spends one call of the request budget, and when it runs out the rest waits for the next sync.
    /// </summary>
    internal async Task<SyncStepResult> RunAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var catalogue = new SpotifyCatalogue(db, userId, clock);
        var incomplete = new List<string>();

        var playlists = await AllPagesAsync(userId,
            offset => spotify.GetPlaylistsAsync(userId, SpotifyClient.MaxPageSize, offset, cancellationToken),
            "playlists", incomplete);
        var albums = await AllPagesAsync(userId,
            offset => spotify.GetSavedAlbumsAsync(userId, SpotifyClient.MaxPageSize, offset, cancellationToken),
            "saved albums", incomplete);
        await catalogue.LoadAsync([], albums.Select(a => a.Album.AsSummary()).ToList(), [], cancellationToken);
        foreach (var saved in albums)
        {
            await catalogue.UpsertAlbumAsync(saved.Album, cancellationToken);
        }

        // Followed artists page by cursor: the id of the last artist on a page.
        var followed = 0;
        string? after = null;
        do
        {
            var page = await spotify.GetFollowedArtistsAsync(userId, after, SpotifyClient.MaxPageSize,
                cancellationToken);
            await catalogue.LoadAsync([], [], page.Items.Select(a => a.AsSummary()).ToList(), cancellationToken);
            foreach (var artist in page.Items)
            {
                await catalogue.CompleteArtistAsync(artist, cancellationToken);
            }
            followed += page.Items.Count;
            after = page.Items.Count > 0 ? page.NextAfter : null;
            if (after is not null && !budget.TryConsume(userId))
            {
                incomplete.Add($"followed artists after {followed} of {page.Total}");
                break;
            }
        }
        while (after is not null);
        await db.SaveChangesAsync(cancellationToken);

        var details = $"{Figures.Count(playlists.Count, "playlist")}, {Figures.Count(albums.Count, "saved album")}, " +
            Figures.Count(followed, "followed artist");
        return new SyncStepResult(albums.Count + followed,
            incomplete.Count == 0 ? details
            : $"{details}; the request budget ran out before the rest of the {string.Join(", ", incomplete)}: " +
            "the next sync reads them");
    }

    /// <summary>
    /// Every item of an offset-paged list, or as many as the request budget allows after the first page.
    /// </summary>
    private async Task<List<T>> AllPagesAsync<T>(int userId, Func<int, Task<SpotifyPage<T>>> fetch, string name,
        List<string> incomplete)
    {
        var items = new List<T>();
        while (true)
        {
            var page = await fetch(items.Count);
            items.AddRange(page.Items);
            if (page.Next is null || page.Items.Count == 0 || items.Count >= page.Total)
            {
                return items;
            }
            if (!budget.TryConsume(userId))
            {
                incomplete.Add($"{name} after {items.Count} of {page.Total}");
                return items;
            }
        }
    }
}
