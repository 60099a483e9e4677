using System.Diagnostics;
using System.Text.Json;
using Dashboard.Benchmarks.Export;

namespace Dashboard.Benchmarks.Runs;

/// <summary>
/// Runs one path in a fresh child process (this same program) with a fresh database in a folder of its own.
/// </summary>
internal sealed class ChildProcess(GeneratedExport export, string template, string workRoot, string? postgres)
{
    public RunResult Run(ImportPath path)
    {
        var work = Path.Combine(workRoot, $"{path}-{Guid.NewGuid():N}".ToLowerInvariant());
        Directory.CreateDirectory(work);
        var resultFile = work + ".json";
        try
        {
            var start = SelfStartInfo();
            string[] arguments =
                [ChildCommand.Name, "--path", path.ToString(), "--export", export.Folder, "--work", work, "--result",
                    resultFile];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            if (path == ImportPath.Bare)
            {
                start.ArgumentList.Add("--template");
                start.ArgumentList.Add(template);
            }
            if (path == ImportPath.ImporterPostgres)
            {
                start.ArgumentList.Add("--postgres");
                start.ArgumentList.Add(postgres!);
            }
            using var process = Process.Start(start)!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"The {path} run failed with exit code {process.ExitCode}; its output is above.");
            }
            return JsonSerializer.Deserialize<RunResult>(File.ReadAllText(resultFile))!;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            File.Delete(resultFile);
        }
    }

    /// <summary>
    /// This program again: the apphost as <c>dotnet run</c> starts it, or <c>dotnet Dashboard.Benchmarks.dll</c>.
    /// </summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }
        return start;
    }
}
