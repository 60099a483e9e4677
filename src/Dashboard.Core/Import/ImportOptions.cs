using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Import;

public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>Largest upload accepted, all files together. Defaults to 2 GB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
