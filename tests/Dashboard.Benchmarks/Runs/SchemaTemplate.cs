using Dashboard.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Runs;

/// <summary>
/// An empty database made by the project's migrations, with a user and a running import to own the plays.
/// Made once in the parent process, so the bare runs get the app's schema and indexes without loading EF
/// Core into the process whose memory they measure.
/// </summary>
internal static class SchemaTemplate
{
    public static async Task<string> CreateAsync(string folder)
    {
        string path;
        await using (var host = await CoreHost.StartAsync(folder))
        {
            var userId = await host.AddUserAsync(BenchmarkListener.TimeZone);
            await using var db = await host.DbAsync();
            db.Imports.Add(new Import
            {
                UserId = userId,
                Status = ImportStatus.Running,
                FileNames = "bare",
                StoragePath = folder,
                CreatedAt = DateTime.UtcNow,
                StartedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
                db.Database.GetConnectionString()).DataSource;
        }
        // Disposing the host closed every connection, which folded the write-ahead log into the file.
        return path;
    }
}
