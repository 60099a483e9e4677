using Dashboard.Core.Data;
using Dashboard.Core.Imports;
using Dashboard.Web.Tests.Imports;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Hostile;

/// <summary>
/// An upload cut short by a crash leaves its files behind; the next start deletes them, and only them.
/// </summary>
public sealed class HostileUploadRestartTests
{
    [Fact]
    public async Task At_start_upload_folders_no_waiting_import_owns_are_deleted_and_a_waiting_import_keeps_its_files()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));
        var uploads = Path.Combine(dataFolder, "imports");
        string waitingFolder, cutShort, endedFolder, arriving;
        TestDatabase database;
        int waitingId;
        await using (var first = new DashboardFactory(dataFolder, keepData: true))
        {
            _ = first.Services;
            database = first.Database;
            var twoDaysAgo = DateTime.UtcNow.AddDays(-2);
            (waitingFolder, cutShort, endedFolder, arriving) = (Upload(uploads, twoDaysAgo),
                Upload(uploads, twoDaysAgo),
                Upload(uploads, twoDaysAgo), Upload(uploads, DateTime.UtcNow));
            var userId = await first.AddUserAsync("restarted-listener");
            await using var db = await first.DbAsync();
            var waiting = new Import { UserId = userId, FileNames = HostileUploadFiles.ExtendedName,
                StoragePath = waitingFolder, RecordsTotal = 2 };
            db.Imports.AddRange(waiting,
                new Import { UserId = userId, Status = ImportStatus.Failed, FileNames = "ended.json",
                    StoragePath = endedFolder });
            await db.SaveChangesAsync();
            waitingId = waiting.Id;
        }

        await using var second = new DashboardFactory(dataFolder, database: database);
        _ = second.Services;

        Assert.False(Directory.Exists(cutShort), "The upload no import owns is deleted at start.");
        Assert.False(Directory.Exists(endedFolder), "The files of an import that has ended are deleted at start.");
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Alone, the app receives no upload while it starts: whatever no import owns is left over.
            Assert.False(Directory.Exists(arriving), "Alone, every upload no import owns is deleted at start.");
            var ran = await EndedAsync(second, waitingId);
            Assert.Equal((ImportStatus.Completed, 2), (ran.Status, ran.Inserted));
        }
        else
        {
            // In a cluster another instance may be receiving this upload now; its import runs from the shared job
            // store.
            Assert.True(Directory.Exists(arriving),
                "In a cluster an upload written to lately is kept: it may still be arriving.");
            Assert.True(Directory.Exists(waitingFolder), "A waiting import keeps its files.");
        }
    }

    private static async Task<Import> EndedAsync(DashboardFactory app, int importId)
    {
        Import? import = null;
        await CrashRecoveryTests.WaitUntilAsync(async () =>
        {
            await using var db = await app.DbAsync();
            import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId);
            return import.Status is not (ImportStatus.Pending or ImportStatus.Running);
        });
        return import!;
    }

    /// <summary>
    /// An upload's folder as the app leaves it, holding a file of two plays, last written at <paramref name="at"/>.
    /// </summary>
    private static string Upload(string uploads, DateTime at)
    {
        var folder = Path.Combine(uploads, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "000.upload");
        File.WriteAllBytes(file, HostileUploadFiles.TwoPlays);
        File.SetLastWriteTimeUtc(file, at);
        Directory.SetLastWriteTimeUtc(folder, at);
        return folder;
    }
}
