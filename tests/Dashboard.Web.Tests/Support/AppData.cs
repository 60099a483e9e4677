using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Imports;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Demo;
using Dashboard.Web.Demo;
using Dashboard.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Support;

/// <summary>Reaching into the app under test: its database, its emulator, its users.</summary>
public static class AppData
{
    public static async Task<DashboardDbContext> DbAsync(this DashboardFactory factory) =>
        await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    public static EmulatorState Emulator(this DashboardFactory factory) =>
        factory.Services.GetRequiredService<DemoSpotify>().Emulator.State;

    /// <summary>What the emulator's account <paramref name="spotifyId"/> plays, and when.</summary>
    public static DemoListener ListenerOf(this DashboardFactory factory, string spotifyId) =>
        factory.Emulator().FindUser(spotifyId)!.Listener!;

    public static async Task<int> UserIdAsync(this DashboardFactory factory,
        string spotifyId = SpotifyEmulatorServer.DemoUserId)
    {
        await using var db = await factory.DbAsync();
        return await db.Users.Where(u => u.SpotifyId == spotifyId).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A user who never signed in here, straight into the database.</summary>
    public static async Task<int> AddUserAsync(this DashboardFactory factory, string spotifyId)
    {
        await using var db = await factory.DbAsync();
        var user = new User { SpotifyId = spotifyId, DisplayName = spotifyId };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A new personal API token of the user's, as its secret.</summary>
    public static async Task<string> CreateTokenAsync(this DashboardFactory factory, int userId, string name = "test")
    {
        var created = await factory.Services.GetRequiredService<ApiTokens>()
            .CreateAsync(userId, name, CancellationToken.None);
        return Assert.IsType<ApiTokenCreation.Created>(created).Secret;
    }

    /// <summary>Waits until none of the user's syncs is waiting or running (sign-in starts one).</summary>
    public static async Task WaitForSyncsAsync(this DashboardFactory factory, int userId)
    {
        var schedule = factory.Services.GetRequiredService<SyncSchedule>();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (!await schedule.IsRunningAsync(userId, CancellationToken.None))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The syncs of user {userId} did not end.");
    }

    /// <summary>
    /// Waits until none of the user's imports is waiting or running (the demo listener's first sign-in queues one).
    /// </summary>
    public static async Task WaitForImportsAsync(this DashboardFactory factory, int userId)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            await using var db = await factory.DbAsync();
            if (!await db.Imports.AnyAsync(i => i.UserId == userId
                && (i.Status == ImportStatus.Pending || i.Status == ImportStatus.Running)))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The imports of user {userId} did not end.");
    }
}
