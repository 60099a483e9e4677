using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Platform;

/// <summary>How long a request may run before it is cancelled and answered 504.</summary>
public sealed class RequestTimeLimitOptions
{
    public const string SectionName = "RequestTimeouts";

    /// <summary>
    /// The policy for uploads and downloads of whole exports, which take as long as the network does.
    /// </summary>
    public const string LongPolicy = "long";

    [Range(1, 3600)]
    public int DefaultSeconds { get; set; } = 30;

    [Range(1, 86_400)]
    public int LongSeconds { get; set; } = 1800;
}
