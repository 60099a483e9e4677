using Dashboard.SpotifyEmulator;
using Dashboard.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// A listener of one test's own, signed in: their Spotify id, their user id and a client with their session cookie.
/// </summary>
public sealed record TestListener(string SpotifyId, int UserId, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>
/// Listeners of one test's own on an app that tests share: a new account in the app's Spotify emulator for each, so
/// that what one test does to its listener (imports, reports, syncs, tokens, the player) no other test reads.
/// </summary>
public static class TestListeners
{
    /// <summary>
    /// Days of history a test's listener has on the emulator: enough for recently played to fill a page, and short, so
    /// that ranking their top items for the first sync is quick.
    /// </summary>
    public const int HistoryDays = 28;

    private static int _count;

    /// <summary>An id no other test uses in this run, for an account or a user: <c>prefix-n</c>.</summary>
    public static string UniqueId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _count)}";

    /// <summary>A new account in the app's emulator that nobody has signed in as; returns its Spotify id.</summary>
    public static string AddListener(this DashboardFactory factory, string product = "premium")
    {
        var number = Interlocked.Increment(ref _count);
        var id = $"listener-{number}";
        factory.Emulator()
            .AddListener(
                    new NewListener(id, $"Listener {number}", Seed: 100 + number) { Product = product,
                        HistoryDays = HistoryDays });
        return id;
    }

    /// <summary>
    /// Signs a new listener in through the real flow (login, the emulator's consent, the callback) and waits for the
    /// sync their first sign-in starts, for tests that read what it brings: plays, runs, Spotify calls.
    /// </summary>
    public static async Task<TestListener> SignInNewListenerAsync(this DashboardFactory factory,
        string product = "premium")
    {
        var spotifyId = factory.AddListener(product);
        var client = await factory.SignInAsync(spotifyId);
        var userId = await factory.UserIdAsync(spotifyId);
        await factory.WaitForSyncsAsync(userId);
        return new TestListener(spotifyId, userId, client);
    }

    /// <summary>
    /// Signs a new listener in through the real flow without the sync of a first sign-in, for tests that read nothing
    /// it brings: the app knows the user beforehand (<see cref="AddScheduledUserAsync"/>). A sync would only take the
    /// machine's time, and on an app that tests share, run on into the next test.
    /// </summary>
    public static async Task<TestListener> SignInListenerWithoutSyncAsync(this DashboardFactory factory,
        string product = "premium")
    {
        var spotifyId = factory.AddListener(product);
        var userId = await factory.AddScheduledUserAsync(spotifyId);
        var client = await factory.SignInAsync(spotifyId);
        return new TestListener(spotifyId, userId, client);
    }

    /// <summary>
    /// A user the app knows before they sign in, already on the sync schedule with the next sync an interval away:
    /// their sign-in is not a first one, and starts no sync.
    /// </summary>
    public static async Task<int> AddScheduledUserAsync(this DashboardFactory factory, string spotifyId)
    {
        var userId = await factory.AddUserAsync(spotifyId);
        await factory.Services.GetRequiredService<SyncSchedule>()
            .EnsureScheduledAsync(userId, syncStartedNow: true, CancellationToken.None);
        return userId;
    }
}
