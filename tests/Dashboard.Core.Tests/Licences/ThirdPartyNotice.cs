namespace Dashboard.Core.Tests.Licences;

/// <summary>
/// THIRD-PARTY-NOTICES.md as the test reads it: each "## " section's table rows, package | version | licence.
/// </summary>
public sealed class ThirdPartyNotice
{
    public const string FileName = "THIRD-PARTY-NOTICES.md";
    public const string Shipped = "NuGet packages shipped with the app";
    public const string BuildOnly = "NuGet packages of the build only";
    public const string Pages = "npm packages of the pages";
    public const string TestsOnly = "NuGet packages of the tests only";

    private readonly Dictionary<string, List<ThirdPartyPackage>> _sections;

    private ThirdPartyNotice(Dictionary<string, List<ThirdPartyPackage>> sections) => _sections = sections;

    public static ThirdPartyNotice Read(string root) => Parse(File.ReadAllText(Path.Combine(root, FileName)));

    public static ThirdPartyNotice Parse(string markdown)
    {
        var sections = new Dictionary<string, List<ThirdPartyPackage>>();
        List<ThirdPartyPackage>? rows = null;
        foreach (var line in markdown.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                rows = sections[line[3..].Trim()] = [];
                continue;
            }
            var cells = line.StartsWith('|') ? line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray() : [];
            if (rows is not null && cells.Length >= 3 && cells[0] != "Package" && !cells[0].StartsWith('-'))
            {
                rows.Add(new ThirdPartyPackage(cells[0], cells[1], cells[2]));
            }
        }
        return new ThirdPartyNotice(sections);
    }

    /// <summary>
    /// What is wrong between the packages restored and one section of the notice: a licence not allowed, a package
    /// missing or listed with another licence, and a row for a package no longer restored. Empty when all is well.
    /// </summary>
    public IReadOnlyList<string> Audit(string section, IEnumerable<ThirdPartyPackage> restored,
        IReadOnlyList<string>? alsoAllowed = null)
    {
        if (!_sections.TryGetValue(section, out var listed))
        {
            return [$"{FileName} has no section \"## {section}\"."];
        }
        var problems = new List<string>();
        var packages = restored.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Version, StringComparer.Ordinal).ToList();
        foreach (var package in packages)
        {
            if (!AllowedLicences.Allow(package.Licence, alsoAllowed))
            {
                problems.Add(
                    $"{package} is under {package.Licence}, which is not allowed (allowed: " +
                    $"{string.Join(", ", AllowedLicences.All.Concat(alsoAllowed ?? []))}): " +
                    "take a version or a package under one of those.");
            }
            var row = listed.FirstOrDefault(package.IsSame);
            if (row is null)
            {
                problems.Add(
                    $"{package} is missing from {FileName} under \"{section}\": " +
                    $"add | {package.Name} | {package.Version} | {package.Licence} |.");
            }
            else if (row.Licence != package.Licence)
            {
                problems.Add(
                    $"{FileName} gives {package} as {row.Licence} under \"{section}\", " +
                    $"but its package names {package.Licence}.");
            }
        }
        problems.AddRange(listed.Where(row => !packages.Any(row.IsSame))
            .Select(row =>
                $"{FileName} lists {row} under \"{section}\", which is not restored there: remove the row."));
        return problems;
    }
}
