using Dashboard.Core.Data;
using Dashboard.Core.Import;
using Dashboard.Web.Jobs;

namespace Dashboard.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>Creates or migrates the database, then settles work that a previous run left unfinished.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(stopping);
        var interrupted = await app.Services.GetRequiredService<ImportService>().MarkInterruptedAsync(stopping);
        if (interrupted > 0)
        {
            app.Logger.LogWarning("{Count} import(s) were running when the app stopped; marked as interrupted", interrupted);
        }
        await app.Services.GetRequiredService<ImportJobs>().ResumePendingAsync(stopping);
    }
}
