using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Data;

/// <summary>
/// The model, named by the snake_case convention, is the schema every database already has: no table, column, key,
/// foreign key or index name moved without a migration. Neither context opens a connection.
/// </summary>
[NoDatabase]
public sealed class ModelNamingTests
{
    [Fact]
    public void The_model_matches_the_last_SQLite_migration()
    {
        using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseSqlite("Data Source=:memory:",
                sqlite => sqlite.MigrationsAssembly(DataServiceCollectionExtensions.SqliteMigrationsAssembly))
            .Options);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_model_matches_the_last_PostgreSQL_migration()
    {
        using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=never_opened",
                npgsql => npgsql.MigrationsAssembly(DataServiceCollectionExtensions.PostgresMigrationsAssembly))
            .Options);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void Tables_columns_and_constraints_keep_their_names()
    {
        using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseSqlite("Data Source=:memory:")
            .Options);
        var plays = db.Model.FindEntityType(typeof(Dashboard.Core.Listening.Play))!;

        Assert.Equal("plays", plays.GetTableName());
        Assert.Equal("played_at", plays.FindProperty(nameof(Dashboard.Core.Listening.Play.PlayedAt))!.GetColumnName());
        Assert.Equal("PK_plays", plays.FindPrimaryKey()!.GetName());
        Assert.Equal(
            ["FK_plays_episodes_episode_id", "FK_plays_imports_import_id", "FK_plays_tracks_track_id",
            "FK_plays_users_user_id"],
            plays.GetForeignKeys().Select(k => k.GetConstraintName()).Order());
        Assert.Equal(
            ["ix_plays_user_date_counted", "ix_plays_user_played_at", "ux_plays_user_episode_played_at",
            "ux_plays_user_track_played_at"],
            plays.GetIndexes().Select(i => i.GetDatabaseName()).Order());
    }
}
