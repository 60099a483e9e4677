using Dashboard.Core.Tests.Licences;

namespace Dashboard.Core.Tests.Style;

/// <summary>
/// The source stays easy to read: an app file that grows past 400 lines is split by what its parts do, and no line of
/// C# or Razor runs past the width the .editorconfig sets. Migrations are generated and left out.
/// </summary>
[NoDatabase]
public sealed class SourceFileTests
{
    private const int MaxLines = 400;
    private const int MaxWidth = 120;

    [Fact]
    public void No_source_file_of_the_app_is_longer_than_400_lines()
    {
        var tooLong = SourceFiles("src", ".cs", ".razor", ".js", ".css")
            .Select(path => (Path: path, Lines: File.ReadLines(Path.Combine(Root, path)).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.Path}: {file.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, $"Longer than {MaxLines} lines:\n{string.Join('\n', tooLong)}");
    }

    [Fact]
    public void No_line_of_CSharp_or_Razor_is_wider_than_120_characters()
    {
        var tooWide = SourceFiles("src", ".cs", ".razor").Concat(SourceFiles("tests", ".cs", ".razor"))
            .SelectMany(path => File.ReadLines(Path.Combine(Root, path))
                .Select((line, index) => (Line: line, Number: index + 1))
                .Where(line => line.Line.Length > MaxWidth)
                .Select(line => $"{path}:{line.Number} ({line.Line.Length} characters)"))
            .ToList();

        Assert.True(tooWide.Count == 0,
            $"{tooWide.Count} lines are wider than {MaxWidth} characters:\n{string.Join('\n', tooWide.Take(50))}");
    }

    [Fact]
    public void The_width_check_reads_the_width_the_editorconfig_sets()
    {
        var editorConfig = File.ReadAllLines(Path.Combine(Root, ".editorconfig"));

        Assert.Contains($"max_line_length = {MaxWidth}", editorConfig);
    }

    private static string Root { get; } = ThirdPartyPackages.RepositoryRoot();

    /// <summary>Files under <paramref name="folder"/> with one of the extensions, relative to the repository.</summary>
    private static IEnumerable<string> SourceFiles(string folder, params string[] extensions) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.*", SearchOption.AllDirectories)
            .Where(path => extensions.Contains(Path.GetExtension(path)))
            .Select(path => Path.GetRelativePath(Root, path))
            .Where(path =>
                !path.Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or "Migrations" or "wwwroot" or "node_modules"));
}
