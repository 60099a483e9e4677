using Dashboard.Core.Analytics;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Spotify;
using Dashboard.Core.Tests.Support;
using Dashboard.SpotifyEmulator;
using static Dashboard.Core.Tests.Support.ImportHelpers;

namespace Dashboard.Core.Tests.Data;

/// <summary>
/// Each listener's catalogue is their own: what one user imports or syncs never changes what another sees, and what a
/// user sees does not depend on what others imported before.
/// </summary>
[RunsLong]
public sealed class CatalogueIsolationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task One_users_import_never_changes_what_another_user_already_sees()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var a = (await host.AddUserAsync("listener-a")).Id;
        var b = (await host.AddUserAsync("listener-b")).Id;
        // A knows the song only by name (account data); B's extended history names its Spotify id and album.
        await host.ImportAsync(a, ("StreamingHistory_music_0.json", JsonArray(
            AccountRecord("2025-05-01 10:00", "Shared Band", "Shared Song", 200_000),
            AccountRecord("2025-05-02 10:00", "Shared Band", "Other Song", 180_000))));
        var before = await ViewAsync(host, a);

        await host.ImportAsync(b, ("Streaming_History_Audio_2025.json", JsonArray(
            ExtendedRecord("2025-06-01T10:00:00Z", "0aaaaaaaaaaaaaaaaaaaaa", "Shared Song", "Shared Band", 200_000,
            album: "B's Album"),
            ExtendedRecord("2025-06-02T10:00:00Z", "0bbbbbbbbbbbbbbbbbbbbb", "Other Song", "Shared Band", 180_000,
            album: "B's Other Album"))));

        Assert.Equal(before, await ViewAsync(host, a));
    }

    [Fact]
    public async Task What_a_user_sees_does_not_depend_on_what_others_imported_before()
    {
        var accountData = ("StreamingHistory_music_0.json", JsonArray(
            AccountRecord("2025-05-01 10:00", "Shared Band", "Shared Song", 200_000),
            AccountRecord("2025-05-03 10:00", "Shared Band", "Shared Song", 200_000)));
        await using var alone = await CoreTestHost.StartAsync(Now);
        var onItsOwn = (await alone.AddUserAsync("listener-b")).Id;
        await alone.ImportAsync(onItsOwn, accountData);

        await using var shared = await CoreTestHost.StartAsync(Now);
        var a = (await shared.AddUserAsync("listener-a")).Id;
        var b = (await shared.AddUserAsync("listener-b")).Id;
        await shared.ImportAsync(a, ("Streaming_History_Audio_2025.json", JsonArray(
            ExtendedRecord("2025-04-01T10:00:00Z", "0aaaaaaaaaaaaaaaaaaaaa", "Shared Song", "Shared Band", 200_000,
            album: "A's Album"))));
        await shared.ImportAsync(b, accountData);

        Assert.Equal(await ViewAsync(alone, onItsOwn), await ViewAsync(shared, b));
    }

    [Fact]
    public async Task One_users_sync_never_resolves_another_users_artist_of_the_same_name()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var a = await bed.SignInAsync();
        var b = (await bed.Host.AddUserAsync("listener-b")).Id;
        // An artist whose tracks the demo listener played lately, so A's sync credits it with its Spotify id and
        // artwork.
        var recent = bed.State.FindUser(SpotifyEmulatorServer.DemoUserId)!.Listener!
            .PlaysBetween(bed.Now.UtcDateTime.AddDays(-2), bed.Now.UtcDateTime).Last(p => p.Track is not null).Track!;
        // B listened to another artist who happens to carry that name, on a track Spotify does not know.
        await bed.Host.ImportAsync(b, ("Streaming_History_Audio_2026.json", JsonArray(
            ExtendedRecord("2026-02-01T10:00:00Z", "0ccccccccccccccccccccc", "B's Song", recent.Artist.Name, 200_000,
            album: "B's Album"))));
        var before = await ViewAsync(bed.Host, b);

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(a, SyncTrigger.SignIn, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, run.Status);
        Assert.Equal(before, await ViewAsync(bed.Host, b));
    }

    /// <summary>What the user's pages show of their plays and items, without the database's own ids.</summary>
    private static async Task<string> ViewAsync(CoreTestHost host, int userId)
    {
        var history = await host.Get<HistoryService>()
            .GetAsync(userId, new HistoryQuery(PageSize: 500), CancellationToken.None);
        var lines = history.Items.Select(e =>
            $"play {e.PlayedAt:O} {e.Name} | {e.ArtistName} | {e.AlbumName} | {e.ShowName} | {e.ImageUrl} | " +
            $"{e.SpotifyId} | {e.DurationMs} | {e.Counted}").ToList();
        foreach (var kind in Enum.GetValues<TopKind>())
        {
            var top = await host.Get<TopListsService>()
                .GetAsync(userId, kind, PeriodSelection.AllTime, 100, CancellationToken.None);
            foreach (var entry in top.Entries)
            {
                var item = entry.Item;
                lines.Add(
                    $"{kind} {item.Rank} {item.Name} | {item.Detail} | {item.ImageUrl} | {item.SpotifyId} | " +
                    $"{item.Plays} | {item.ListeningMs}");
                var detailKind = kind switch
                {
                    TopKind.Tracks => DetailKind.Track,
                    TopKind.Artists => DetailKind.Artist,
                    TopKind.Albums => DetailKind.Album,
                    _ => DetailKind.Show,
                };
                var detail = await host.Get<DetailService>()
                    .GetAsync(userId, detailKind, item.Id, CancellationToken.None);
                lines.Add(
                    $"  detail {detail!.Name} | {detail.Subtitle} | {detail.ImageUrl} | {detail.SpotifyUri} | " +
                    $"{detail.Album?.Name} | " +
                          $"{string.Join(", ", detail.Artists.Select(x => x.Name))} | {detail.DurationMs} | " +
                          $"{detail.Plays}");
            }
        }
        return string.Join('\n', lines);
    }
}
