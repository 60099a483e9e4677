using Dashboard.Core.Tests.Licences;

namespace Dashboard.Core.Tests.Style;

/// <summary>
/// The app's source files stay small enough to read in one sitting: a file that grows past the limit is split by what
/// its parts do. Migrations are generated and left out.
/// </summary>
[NoDatabase]
public sealed class FileSizeTests
{
    private const int MaxLines = 400;

    [Fact]
    public void No_source_file_of_the_app_is_longer_than_400_lines()
    {
        var source = Path.Combine(ThirdPartyPackages.RepositoryRoot(), "src");
        var tooLong = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(path => Path.GetExtension(path) is ".cs" or ".razor" or ".js" or ".css")
            .Select(path => Path.GetRelativePath(source, path))
            .Where(path =>
                !path.Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or "Migrations" or "wwwroot"))
            .Select(path => (Path: path, Lines: File.ReadLines(Path.Combine(source, path)).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.Path}: {file.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, $"Longer than {MaxLines} lines:\n{string.Join('\n', tooLong)}");
    }
}
