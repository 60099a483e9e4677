using System.Text.Json;
using Dashboard.Benchmarks.Export;

namespace Dashboard.Benchmarks.Runs;

/// <summary>
/// The internal sub-command: one run of one path in a fresh process, so its peak memory is its own. Writes
/// its <see cref="RunResult"/> as JSON to the file the parent named.
/// </summary>
internal static class ChildCommand
{
    public const string Name = "child";

    public static async Task<int> RunAsync(CommandLine options)
    {
        var path = Enum.Parse<ImportPath>(options.Text("path"), ignoreCase: true);
        var export = GeneratedExport.Open(options.Text("export"));
        var work = options.Text("work");
        var resultFile = options.Text("result");
        var template = path == ImportPath.Bare ? options.Text("template") : null;
        var postgres = path == ImportPath.ImporterPostgres ? options.Text("postgres") : null;
        options.RefuseUnknown();

        var result = template is not null
            ? BareRun.Run(export, template, work)
            : await ImporterRun.RunAsync(export, work, postgres);
        await File.WriteAllTextAsync(resultFile, JsonSerializer.Serialize(result));
        return 0;
    }
}
