namespace Dashboard.E2E.Support;

public static class Samples
{
    /// <summary>Where the real Spotify sample files are kept (tests/samples).</summary>
    public static string PathOf(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(directory!.FullName, "tests", "samples")))
        {
            directory = directory.Parent;
        }
        return Path.Combine(directory.FullName, "tests", "samples", relative);
    }
}
