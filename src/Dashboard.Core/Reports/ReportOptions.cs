using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Reports;

public sealed class ReportOptions
{
    public const string SectionName = "Reports";

    /// <summary>
    /// Where report files are kept: absolute, or relative to the data folder. Defaults to <c>reports</c>.
    /// </summary>
    [Required]
    public string Folder { get; set; } = "reports";

    /// <summary>How long a download link works. Defaults to 12 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Most reports one user may have pending or processing at once. Defaults to 20.</summary>
    [Range(1, 1_000)]
    public int MaxActive { get; set; } = 20;
}
