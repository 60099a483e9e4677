namespace Dashboard.Benchmarks.Runs;

/// <summary>The most memory this process has had resident (Linux's VmHWM), which no sampling can miss.</summary>
internal static class PeakMemory
{
    public static long Bytes()
    {
        const string prefix = "VmHWM:";
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
                   ?? throw new PlatformNotSupportedException("/proc/self/status has no VmHWM line; the benchmark needs Linux.");
        // "VmHWM:	  123456 kB"
        var kilobytes = long.Parse(line[prefix.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }
}
