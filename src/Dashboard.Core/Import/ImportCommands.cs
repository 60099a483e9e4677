using System.Data.Common;

namespace Dashboard.Core.Import;

/// <summary>Ad hoc commands of an import, inside its transaction.</summary>
internal static class ImportCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
