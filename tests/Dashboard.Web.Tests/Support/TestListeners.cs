using Dashboard.SpotifyEmulator;

namespace Dashboard.Web.Tests.Support;

/// <summary>A listener of one test's own, signed in: their Spotify id, their user id and a client with their session cookie.</summary>
public sealed record TestListener(string SpotifyId, int UserId, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>
/// Listeners of one test's own on an app that tests share: a new account in the app's Spotify emulator for each, so that
/// what one test does to its listener (imports, reports, syncs, tokens, the player) no other test reads.
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
        factory.Emulator().AddListener(new NewListener(id, $"Listener {number}", Seed: 100 + number) { Product = product, HistoryDays = HistoryDays });
        return id;
    }

    /// <summary>
    /// Signs a new listener in through the real flow (login, the emulator's consent, the callback) and waits for the sync
    /// their first sign-in starts.
    /// </summary>
    public static async Task<TestListener> SignInNewListenerAsync(this DashboardFactory factory, string product = "premium")
    {
        var spotifyId = factory.AddListener(product);
        var client = await factory.SignInAsync(spotifyId);
        var userId = await factory.UserIdAsync(spotifyId);
        await factory.WaitForSyncsAsync(userId);
        return new TestListener(spotifyId, userId, client);
    }
}
