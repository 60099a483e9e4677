using Dashboard.Benchmarks;
using Dashboard.Benchmarks.Analytics;
using Dashboard.Benchmarks.Runs;

const string usage = """
    Usage: dotnet run -c Release --project tests/Dashboard.Benchmarks -- <command> [options]

    import [--plays 1000000] [--runs 3] [--postgres CONNECTION]
             Generates a Spotify "Extended streaming history" export of --plays records (cached in the temp
             folder), then imports it --runs times with the bare Microsoft.Data.Sqlite baseline and with the
             app's importer, alternately, each in a fresh process and database, and prints the comparison;
             with --postgres, the importer on a database made on that PostgreSQL server too.

    queries [--plays 1000000] [--iterations 30] [--data FOLDER | --postgres CONNECTION]
             Imports that export with the app's importer, then times each analytics service call behind the
             pages, warm, and prints p50 and p95 against the targets. --data keeps the SQLite database in
             FOLDER and reuses it next time (rebuilding the rollups instead of importing); --postgres runs on
             a database made on that server for the run.

    reports [--plays 1000000] [--runs 3] [--postgres CONNECTION]
             Imports that export, then makes each kind of report --runs times and prints time, size and
             peak memory; on a database made on that PostgreSQL server with --postgres.

    undo [--plays 1000000] [--postgres CONNECTION]
             Imports that export, then undoes the import (its plays, rollups, totals, charts and sessions)
             and prints how long that took against the target of 10 s; on PostgreSQL with --postgres.
    """;

try
{
    return args switch
    {
        [ImportBenchmark.Name, .. var options] => await ImportBenchmark.RunAsync(new CommandLine(options)),
        [QueriesBenchmark.Name, .. var options] => await QueriesBenchmark.RunAsync(new CommandLine(options)),
        [ReportsBenchmark.Name, .. var options] => await ReportsBenchmark.RunAsync(new CommandLine(options)),
        [UndoBenchmark.Name, .. var options] => await UndoBenchmark.RunAsync(new CommandLine(options)),
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
