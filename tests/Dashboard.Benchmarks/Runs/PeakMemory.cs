namespace Dashboard.Benchmarks.Runs;

/// <summary>The most memory this process has had resident (Linux's VmHWM), which no sampling can miss.</summary>
internal static class PeakMemory
{
    public static long Bytes() => Read("VmHWM:");

    /// <summary>What the process has resident now (VmRSS).</summary>
    public static long CurrentBytes() => Read("VmRSS:");

    /// <summary>
    /// Starts the peak again from what is resident now (Linux 4.0 and later), so one step's peak can be read.
    /// </summary>
    public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static long Read(string prefix)
    {
        var line = File.ReadLines("/proc/self/status")
            .FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
                   ?? throw new PlatformNotSupportedException(
                       $"/proc/self/status has no {prefix} line; the benchmark needs Linux.");
        // "VmHWM:	  123456 kB"
        var kilobytes = long.Parse(line[prefix.Length..].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }
}
