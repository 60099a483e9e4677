// The providers' history repositories live in namespaces EF Core calls internal (EF1001); deriving from them and
// overriding ConfigureTable is the one way to shape the history table while keeping each provider's own SQL and
// locking.
#pragma warning disable EF1001

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Dashboard.Core.Data;

/// <summary>
/// The migrations history table keeps the column names EF Core gives it (<c>MigrationId</c>, <c>ProductVersion</c>),
/// which every existing database has. The snake_case naming convention reaches this table too, and an app that looked
/// for <c>migration_id</c> would find no column in a database it made itself and fail to start.
/// </summary>
internal static class MigrationsHistoryNames
{
    public static DbContextOptionsBuilder KeepMigrationsHistoryNames(this DbContextOptionsBuilder options) =>
        options
            .ReplaceService<IHistoryRepository, SqliteHistoryRepository, SqliteHistory>()
            .ReplaceService<IHistoryRepository, NpgsqlHistoryRepository, PostgresHistory>();

    private static void KeepNames(EntityTypeBuilder<HistoryRow> history)
    {
        history.Property(h => h.MigrationId).HasColumnName(nameof(HistoryRow.MigrationId));
        history.Property(h => h.ProductVersion).HasColumnName(nameof(HistoryRow.ProductVersion));
        history.HasKey(h => h.MigrationId).HasName("PK___EFMigrationsHistory");
    }

    private sealed class SqliteHistory(HistoryRepositoryDependencies dependencies)
        : SqliteHistoryRepository(dependencies)
    {
        protected override void ConfigureTable(EntityTypeBuilder<HistoryRow> history)
        {
            base.ConfigureTable(history);
            KeepNames(history);
        }
    }

    private sealed class PostgresHistory(HistoryRepositoryDependencies dependencies)
        : NpgsqlHistoryRepository(dependencies)
    {
        protected override void ConfigureTable(EntityTypeBuilder<HistoryRow> history)
        {
            base.ConfigureTable(history);
            KeepNames(history);
        }
    }
}
