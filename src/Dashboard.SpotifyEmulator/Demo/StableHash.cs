namespace Dashboard.SpotifyEmulator.Demo;

/// <summary>
/// A hash of three numbers that is the same in every process, to seed the random numbers of one day or week of a
/// generated history. <see cref="HashCode"/> is randomised per process, so it would give a different history on
/// every run.
/// </summary>
internal static class StableHash
{
    public static int Mix(int a, int b, int c)
    {
        var x = (uint)a * 0x9E3779B97F4A7C15UL;
        x ^= (uint)b + 0xBF58476D1CE4E5B9UL + (x << 6) + (x >> 2);
        x ^= (uint)c + 0x94D049BB133111EBUL + (x << 6) + (x >> 2);
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 29;
        return (int)(x & 0x7FFFFFFF);
    }
}
