using System.Diagnostics;
using Dashboard.Benchmarks.Bare;
using Dashboard.Benchmarks.Export;

namespace Dashboard.Benchmarks.Runs;

/// <summary>One bare load in this (child) process, on a copy of the schema template.</summary>
internal static class BareRun
{
    public static RunResult Run(GeneratedExport export, string template, string workFolder)
    {
        var database = Path.Combine(workFolder, "bare.db");
        File.Copy(template, database);
        BareLoad load;
        double seconds;
        long peak;
        using (var connection = BareImport.Open(database))
        {
            var clock = Stopwatch.StartNew();
            load = BareImport.Run(connection, export.Files);
            seconds = clock.Elapsed.TotalSeconds;
            peak = PeakMemory.Bytes();
        }
        return new RunResult(ImportPath.Bare, seconds, load.Records, load.Inserted, peak,
            DatabaseContents.Read(database), UploadSeconds: null);
    }
}
