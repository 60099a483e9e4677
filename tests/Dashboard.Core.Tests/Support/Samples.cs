namespace Dashboard.Core.Tests.Support;

/// <summary>The real Spotify export files kept in tests/samples (see its README).</summary>
public static class Samples
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory =
            directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "tests", "samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"tests/samples not found above {AppContext.BaseDirectory}.");
    });

    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    public static string ExtendedAudio => Path("spotify-export/extended/Streaming_History_Audio_2024_4.json");
    public static string LegacyEndsong => Path("spotify-export/legacy-endsong/endsong_0.json");
}
