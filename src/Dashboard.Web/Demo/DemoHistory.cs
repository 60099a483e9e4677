using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Imports;
using Dashboard.SpotifyEmulator;
using Dashboard.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Demo;

/// <summary>
/// Gives the demo listener their history the way a real user gets theirs: the emulator writes the privacy export zip,
/// which is uploaded as an import and queued like any other. The sign-in returns at once; the Overview shows the
/// import's progress and its figures when it ends.
/// </summary>
public sealed class DemoHistory(
    DemoSpotify demo,
    ImportService imports,
    ImportJobs importJobs,
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    ILogger<DemoHistory> logger)
{
    /// <summary>The zone the demo listener lives in, so their days and hours read naturally.</summary>
    private const string DemoTimeZone = "Europe/Berlin";

    /// <summary>
    /// Queues the import of the demo listener's history, unless it is imported, waiting or running already.
    /// </summary>
    /// <returns>Whether an import was queued now.</returns>
    public async Task<bool> EnsureQueuedAsync(SignedInUser user, CancellationToken cancellationToken)
    {
        if (!demo.IsEnabled || user.SpotifyId != SpotifyEmulatorServer.DemoUserId)
        {
            return false;
        }
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Imports.AnyAsync(i => i.UserId == user.Id
                                               && (i.Status == ImportStatus.Completed
                                                   || i.Status == ImportStatus.Pending
                                                   || i.Status == ImportStatus.Running),
                    cancellationToken))
            {
                return false;
            }
            // Safe to set directly: the user has no plays yet, so no local time needs recomputing.
            await db.Users.Where(u => u.Id == user.Id && !db.Plays.Any(p => p.UserId == user.Id))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.TimeZone, DemoTimeZone)
                    .SetProperty(x => x.TimeZoneSetAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        }

        await using var export = new MemoryStream();
        await demo.Emulator.WritePrivacyExportAsync(user.SpotifyId, export, cancellationToken);
        export.Position = 0;
        IncomingFile[] files = [new("my_spotify_data.zip", export)];
        var import = await imports.CreateAsync(user.Id, files.ToAsyncEnumerable(), cancellationToken);
        await importJobs.ScheduleAsync(import.Id, cancellationToken, syncAfterwards: user.Id);
        logger.LogInformation("Queued the demo listener's generated history as import {ImportId}", import.Id);
        return true;
    }
}
