using Dashboard.Benchmarks;
using Dashboard.Benchmarks.Runs;

const string usage = """
    Usage: dotnet run -c Release --project tests/Dashboard.Benchmarks -- import [--plays 1000000] [--runs 3]

    import   Generates a Spotify "Extended streaming history" export of --plays records (cached in the temp
             folder), then imports it --runs times with the bare Microsoft.Data.Sqlite baseline and with the
             app's importer, alternately, each in a fresh process and database, and prints the comparison.
    """;

try
{
    return args switch
    {
        [ImportBenchmark.Name, .. var options] => await ImportBenchmark.RunAsync(new CommandLine(options)),
        [ChildCommand.Name, .. var options] => await ChildCommand.RunAsync(new CommandLine(options)),
        _ => throw new UsageException("Name a command."),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(usage);
    return 2;
}
