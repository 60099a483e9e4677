using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The provider's connection string. Optional for SQLite, which defaults to
    /// <c>dashboard.db</c> in the data folder.
    /// </summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Where the app keeps its files: the SQLite database, keys, uploads and reports.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Absolute, or relative to the app's content root. Defaults to <c>data</c>.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";
}
