using System.Net;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The other tests start from a copy of the migrated database; a new installation starts from nothing, and the app
/// migrates its database itself at start.
/// </summary>
public sealed class DatabaseStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_an_empty_database_the_app_applies_every_migration_at_start_and_serves()
    {
        // An app of its own: the database is only migrated at start.
        await using var factory = new DashboardFactory { StartsOnEmptyDatabase = true };
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/api/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await using var db = await factory.DbAsync();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Contains(factory.Log.Messages,
            m => m.StartsWith($"Information: Applying {migrations.Count} database migration(s): ",
                StringComparison.Ordinal));
    }
}
