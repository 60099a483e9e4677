using System.Data.Common;
using System.Globalization;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Core.Listening;

/// <summary>
/// Takes plays out of one listener's history inside the caller's transaction, with set-based SQL however many there
/// are, and brings the rollups along in the same transaction: the days the changed plays were on, and the lifetime
/// totals. The caller builds the weekly charts and sessions after its commit, as every job that changes plays does
/// (<see cref="RollupService.BuildChartsAndSessionsAsync"/>). Shared by undoing an import and deleting plays.
/// </summary>
internal sealed class PlayRemoval(DbConnection connection, DbTransaction transaction, int userId)
{
    private (DateOnly From, DateOnly To)? _changedDays;

    /// <summary>
    /// On SQLite, gives <paramref name="db"/>'s connection (opened here) a page cache that holds the plays' index pages
    /// a large delete keeps coming back to, as the import's connection has: at SQLite's default of 2 MB, pages evicted
    /// dirty are written out again and again. Set back to the default when disposed, before the connection goes back
    /// to the pool.
    /// </summary>
    public static async Task<IAsyncDisposable> LargePageCacheAsync(DashboardDbContext db,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            return new PageCache(null);
        }
        await PageCache.SetAsync(sqlite, "PRAGMA cache_size=-65536", cancellationToken);
        return new PageCache(sqlite);
    }

    /// <summary>A removal in <paramref name="transaction"/>, on <paramref name="db"/>'s connection.</summary>
    public static PlayRemoval In(DashboardDbContext db, IDbContextTransaction transaction, int userId) =>
        new(db.Database.GetDbConnection(), transaction.GetDbTransaction(), userId);

    public DbConnection Connection => connection;
    public DbTransaction Transaction => transaction;

    /// <summary>Whether any play changed, so that the rollups and charts need building.</summary>
    public bool AnyChanged => _changedDays is not null;

    /// <summary>
    /// Deletes the listener's plays that <paramref name="filter"/> (SQL over plays, with <c>@user</c> and
    /// <paramref name="parameters"/>) keeps, and notes their days as changed.
    /// </summary>
    public async Task<RemovedPlays> DeleteAsync(string filter, IReadOnlyCollection<(string, object?)> parameters,
        CancellationToken cancellationToken)
    {
        var removed = await CountAsync(filter, parameters, cancellationToken);
        if (removed.Plays == 0)
        {
            return removed;
        }
        Changed(removed.FirstDay!.Value);
        Changed(removed.LastDay!.Value);
        await using var delete = Command($"DELETE FROM plays WHERE user_id = @user AND {filter}", parameters);
        return removed with { Plays = await delete.ExecuteNonQueryAsync(cancellationToken) };
    }

    /// <summary>How many of the listener's plays <paramref name="filter"/> keeps, and on which local days.</summary>
    public async Task<RemovedPlays> CountAsync(string filter, IReadOnlyCollection<(string, object?)> parameters,
        CancellationToken cancellationToken)
    {
        await using var span = Command($"""
            SELECT COUNT(*), MIN(local_date), MAX(local_date) FROM plays WHERE user_id = @user AND {filter}
            """, parameters);
        await using var reader = await span.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(1)
            ? new RemovedPlays(0, null, null)
            : new RemovedPlays(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<DateOnly>(2));
    }

    /// <summary>Notes a local day whose plays changed.</summary>
    public void Changed(DateOnly day) =>
        _changedDays = _changedDays is var (from, to) ? (day < from ? day : from, day > to ? day : to) : (day, day);

    /// <summary>
    /// Recomputes the rollups of the changed days and the lifetime totals of <paramref name="items"/> (of every item
    /// when null), and records that the listener's data changed; nothing when no play did.
    /// </summary>
    public async Task RefreshRollupsAsync(IReadOnlyCollection<(ItemKind Kind, int Id)>? items,
        CancellationToken cancellationToken)
    {
        if (_changedDays is not var (from, to))
        {
            return;
        }
        var rollups = new RollupWriter(connection, transaction);
        await rollups.RefreshDaysAsync(userId, from, to, cancellationToken);
        if (items is null)
        {
            await rollups.RefreshItemTotalsAsync(userId, cancellationToken);
        }
        else
        {
            await rollups.RefreshItemTotalsAsync(userId, items, cancellationToken);
        }
        await rollups.MarkChangedAsync(userId, cancellationToken);
    }

    /// <summary>A command in the transaction with <c>@user</c> and <paramref name="parameters"/>.</summary>
    public DbCommand Command(string sql, IEnumerable<(string Name, object? Value)> parameters) =>
        DbCommands.Create(connection, transaction, sql, [("@user", userId), .. parameters]);

    private sealed class PageCache(SqliteConnection? connection) : IAsyncDisposable
    {
        public static async Task SetAsync(SqliteConnection connection, string pragma,
            CancellationToken cancellationToken)
        {
            await using var command = DbCommands.Create(connection, null, pragma, []);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                await SetAsync(connection, "PRAGMA cache_size=-2000", CancellationToken.None);
            }
        }
    }
}

/// <summary>Plays taken out of a listener's history: how many, and the first and last local day they were on.</summary>
public sealed record RemovedPlays(int Plays, DateOnly? FirstDay, DateOnly? LastDay);
