using System.Reflection;
using Dashboard.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Shared;

/// <summary>
/// A SQLite database with every migration applied, made once and copied for each test's database: a copy takes a
/// millisecond where the migrations take most of a second, and every app and Core host a test starts needs one.
/// </summary>
/// <remarks>
/// The template is kept in the temporary folder under the identity (MVID) of the migrations assembly, which changes
/// whenever a migration does, so a stale one is never used. It is built under a file lock, so the Core and Web test
/// processes that run side by side do not build it twice, and under another name, moved into place once complete.
/// </remarks>
public static class SqliteTemplate
{
    /// <summary>How long a test process waits for another one building the template before it gives up.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(2);

    private static readonly Lazy<Task<string>> Template = new(BuildOnceAsync);

    /// <summary>
    /// Copies the migrated template to <paramref name="file"/>, where the app or Core host then finds its database.
    /// </summary>
    public static async Task CopyToAsync(string file)
    {
        var template = await Template.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.Copy(template, file);
    }

    private static async Task<string> BuildOnceAsync()
    {
        var migrations = Assembly.Load(DataServiceCollectionExtensions.SqliteMigrationsAssembly);
        var folder =
            Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dashboard-tests", "templates")).FullName;
        var template = Path.Combine(folder, $"sqlite-{migrations.ManifestModule.ModuleVersionId:N}.db");
        if (File.Exists(template))
        {
            return template;
        }
        await using var held = await LockAsync(template + ".lock");
        if (File.Exists(template))
        {
            // Built by another test process while this one waited for the lock.
            return template;
        }
        var building = Path.Combine(folder, $"building-{Guid.NewGuid():N}.db");
        await using (var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>()
                         .UseSqlite($"Data Source={building};Pooling=False",
                             sqlite =>
                             sqlite.MigrationsAssembly(DataServiceCollectionExtensions.SqliteMigrationsAssembly))
                         .Options))
        {
            await db.Database.MigrateAsync();
        }
        SqliteConnection.ClearAllPools();
        File.Move(building, template);
        return template;
    }

    /// <summary>
    /// The lock file opened for this process alone (an advisory lock on Linux and macOS, which the system releases
    /// if the process dies); another process holding it is waited for.
    /// </summary>
    private static async Task<FileStream> LockAsync(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LongestWait)
            {
                await Task.Delay(50);
            }
            catch (IOException e)
            {
                throw new TimeoutException(
                    $"Another test process held {path} for {LongestWait.TotalMinutes} minutes while building the " +
                    "SQLite template.", e);
            }
        }
    }
}
