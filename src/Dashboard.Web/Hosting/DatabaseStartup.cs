using Dashboard.Core.Data;
using Dashboard.Core.Import;

namespace Dashboard.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>Creates or migrates the database, then settles work that a previous run left unfinished.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        var interrupted = await app.Services.GetRequiredService<ImportService>().MarkInterruptedAsync(app.Lifetime.ApplicationStopping);
        if (interrupted > 0)
        {
            app.Logger.LogWarning("{Count} import(s) were running when the app stopped; marked as interrupted", interrupted);
        }
    }
}
