using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Imports;

public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>Largest upload accepted, all files together. Defaults to 2 GB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Most files a zip may hold; a Spotify export holds a few dozen. Defaults to 5,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxZipEntries { get; set; } = 5_000;

    /// <summary>Most bytes a zip may unpack to, all entries together. Defaults to 20 GB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUnpackedBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>
    /// Highest compression ratio accepted for an entry over 1 MB. JSON exports compress about 10:1; only a
    /// zip bomb reaches hundreds. Defaults to 250.
    /// </summary>
    [Range(2, int.MaxValue)]
    public int MaxCompressionRatio { get; set; } = 250;

    internal ZipLimits ZipLimits => new(MaxZipEntries, MaxUnpackedBytes, MaxCompressionRatio);
}
