using Dashboard.Benchmarks;
using Dashboard.Benchmarks.Export;

const string usage = """
    Usage: dotnet run -c Release --project tests/Dashboard.Benchmarks -- import [--plays 1000000]

    import   Generates a Spotify "Extended streaming history" export of --plays records (cached in the temp folder).
    """;

try
{
    if (args is not ["import", .. var rest])
    {
        throw new UsageException("Name a command.");
    }
    var options = new CommandLine(rest);
    var plays = options.Int("plays", defaultValue: 1_000_000, minimum: 1);
    options.RefuseUnknown();
    var export = GeneratedExport.LoadOrCreate(plays, Console.Out);
    Console.WriteLine($"Export: {export.Files.Count} files, {export.Bytes / (1024.0 * 1024):N0} MB, in {export.Folder}");
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(usage);
    return 2;
}
