using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Bare;

/// <summary>
/// A command prepared once and reused for every row, its parameters bound by position: no SQL parsing and
/// no parameter look-up by name per row.
/// </summary>
internal sealed class Statement : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public Statement(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = parameterNames.Select(name => _command.Parameters.Add(new SqliteParameter(name, null))).ToArray();
        _command.Prepare();
    }

    /// <summary>SQLite wants every command of a connection inside its open transaction.</summary>
    public SqliteTransaction Transaction
    {
        set => _command.Transaction = value;
    }

    public int Execute(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return _command.ExecuteNonQuery();
    }

    /// <summary>Runs an <c>INSERT ... RETURNING id</c>.</summary>
    public int ExecuteId(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return Convert.ToInt32(_command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public void Dispose() => _command.Dispose();
}
