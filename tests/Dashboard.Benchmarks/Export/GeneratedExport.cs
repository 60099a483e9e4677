using System.Diagnostics;

namespace Dashboard.Benchmarks.Export;

/// <summary>
/// A generated export on disk. Generation is deterministic and takes a while, so each size is written once
/// into the system temp folder and reused by later runs.
/// </summary>
internal sealed record GeneratedExport(string Folder, IReadOnlyList<string> Files, long Bytes)
{
    // Raise when the generator changes, so an export cached by an older version is not reused.
    private const int GeneratorVersion = 1;
    private const int Seed = 20_150_101;
    private const string ManifestName = "files.txt";

    public static GeneratedExport LoadOrCreate(int records, TextWriter log)
    {
        var root = Path.Combine(Path.GetTempPath(), "dashboard-benchmarks");
        var folder = Path.Combine(root, $"export-v{GeneratorVersion}-{records}-plays");
        if (!File.Exists(Path.Combine(folder, ManifestName)))
        {
            var clock = Stopwatch.StartNew();
            log.WriteLine($"Generating {records:N0} plays into {folder} ...");
            Generate(records, root, folder);
            log.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:0.0} s.");
        }
        return Open(folder);
    }

    /// <summary>An export generated before, its files in the order they were written.</summary>
    public static GeneratedExport Open(string folder)
    {
        var files = File.ReadAllLines(Path.Combine(folder, ManifestName)).Select(name => Path.Combine(folder, name))
            .ToList();
        return new GeneratedExport(folder, files, files.Sum(file => new FileInfo(file).Length));
    }

    private static void Generate(int records, string root, string folder)
    {
        // Written beside the final folder and moved into place at the end: an interrupted run leaves nothing to reuse.
        var partial = Path.Combine(root, $"partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(partial);
        var random = new Random(Seed);
        var history = new SyntheticHistory(SyntheticCatalogue.Create(random), random);
        var names = ExportFileWriter.WriteFiles(history.Records(records), partial);
        File.WriteAllLines(Path.Combine(partial, ManifestName), names);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.Move(partial, folder);
    }
}
