namespace Dashboard.Benchmarks;

internal static class Megabytes
{
    /// <summary>Bytes in MB of 2^20 bytes, the unit of VmHWM's kB and of the file sizes printed.</summary>
    public static double Of(long bytes) => bytes / (1024.0 * 1024);
}
