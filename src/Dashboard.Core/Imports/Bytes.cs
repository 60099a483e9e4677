using System.Globalization;

namespace Dashboard.Core.Imports;

public static class Bytes
{
    /// <summary>A size as people read it: "840 KB", "12.5 MB", "2 GB".</summary>
    public static string Format(long bytes) =>
        bytes >= 1024L * 1024 * 1024 ? Scaled(bytes, 1024.0 * 1024 * 1024, "GB")
        : bytes >= 1024 * 1024 ? Scaled(bytes, 1024.0 * 1024, "MB")
        : Scaled(bytes, 1024.0, "KB");

    private static string Scaled(long bytes, double unit, string name) =>
        $"{(bytes / unit).ToString("0.#", CultureInfo.InvariantCulture)} {name}";
}
