using Dashboard.Core.Imports;
using Dashboard.Core.Sync;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Dashboard.Web.Tests.Auth;

/// <summary>
/// The demo listener's first sign-in queues their generated history as an import, like any upload, instead of
/// importing it inside the sign-in; their first sync follows the import. An app of its own: the test holds the app's
/// scheduler still.
/// </summary>
public sealed class DemoHistoryQueueTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demo_listeners_first_sign_in_queues_their_history_and_the_first_sync_follows_its_import()
    {
        await using var factory = new DashboardFactory();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        await HoldStillAsync(scheduler);

        using var client = await factory.SignInAsync(waitForHistory: false);

        var userId = await factory.UserIdAsync();
        await using (var db = await factory.DbAsync())
        {
            var queued = await db.Imports.AsNoTracking().SingleAsync(i => i.UserId == userId, Ct);
            Assert.Equal((ImportStatus.Pending, "my_spotify_data.zip"), (queued.Status, queued.FileNames));
            Assert.Equal(0, await db.Plays.CountAsync(p => p.UserId == userId, Ct));
            Assert.Empty(await db.SyncRuns.Where(r => r.UserId == userId).ToListAsync(Ct));
        }

        await scheduler.Start(Ct);
        await factory.WaitForImportsAsync(userId);
        await WaitForSyncRunAsync(factory, userId);
        await factory.WaitForSyncsAsync(userId);

        await using (var db = await factory.DbAsync())
        {
            var import = await db.Imports.AsNoTracking().SingleAsync(i => i.UserId == userId, Ct);
            Assert.Equal(ImportStatus.Completed, import.Status);
            Assert.True(import.Inserted > 0);
            Assert.Equal(import.Inserted,
                await db.Plays.CountAsync(p => p.UserId == userId && p.ImportId == import.Id, Ct));
            var run = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.UserId == userId, Ct);
            Assert.Equal((SyncTrigger.SignIn, SyncStatus.Completed), (run.Trigger, run.Status));
            Assert.True(run.StartedAt >= import.CompletedAt,
                $"The sync started at {run.StartedAt:O}, the import ended at {import.CompletedAt:O}.");
        }
    }

    /// <summary>
    /// Puts the scheduler on standby once the app has started it: the app starts it after the host has started, a
    /// moment after the test has the app, and a standby before that start would be undone by it.
    /// </summary>
    private static async Task HoldStillAsync(IScheduler scheduler)
    {
        for (var attempt = 0; await scheduler.GetStatus(Ct) == SchedulerStatus.Created; attempt++)
        {
            if (attempt == 600)
            {
                throw new TimeoutException("The app did not start its scheduler within a minute.");
            }
            await Task.Delay(100, Ct);
        }
        await scheduler.Standby(Ct);
    }

    /// <summary>The sync the import's end starts is scheduled a moment after the import is stored as ended.</summary>
    private static async Task WaitForSyncRunAsync(DashboardFactory factory, int userId)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var db = await factory.DbAsync();
            if (await db.SyncRuns.AnyAsync(r => r.UserId == userId))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No sync of user {userId} started after the import.");
    }
}
