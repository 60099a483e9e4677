using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Data;

/// <summary>
/// The migrations history keeps EF Core's own column names, which every database made by an earlier version has: the
/// snake_case naming of the model must not reach it, or the app would look for columns no existing database has.
/// </summary>
public sealed class MigrationsHistoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_are_recorded_in_the_history_columns_existing_databases_have()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync(Ct);

        var recorded = await db.Database
            .SqlQueryRaw<string>(
                """
                SELECT "MigrationId" AS "Value" FROM "__EFMigrationsHistory"
                WHERE "ProductVersion" <> '' ORDER BY "MigrationId"
                """)
            .ToListAsync(Ct);
        Assert.Equal(db.Database.GetMigrations().Order(StringComparer.Ordinal), recorded);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }
}
