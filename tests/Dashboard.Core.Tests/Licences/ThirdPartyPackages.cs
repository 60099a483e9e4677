using System.Text.Json;
using System.Xml.Linq;

namespace Dashboard.Core.Tests.Licences;

/// <summary>
/// A package from outside, at the version a project restores, with the licence its own metadata names.
/// </summary>
public sealed record ThirdPartyPackage(string Name, string Version, string Licence)
{
    public bool IsSame(ThirdPartyPackage other) =>
        string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Version, other.Version, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name} {Version}";
}

/// <summary>
/// Reads the packages the repository's projects actually restore, each with its licence: the NuGet packages from a
/// project's obj/project.assets.json and the package's .nuspec, the npm packages from the front end's lock file.
/// </summary>
public static class ThirdPartyPackages
{
    /// <summary>The repository's root folder, found above the test's own folder.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory =
            directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"Dashboard.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The folder of every project under a folder of the repository (src or tests).</summary>
    public static IReadOnlyList<string> Projects(string root, string folder) =>
        Directory.GetDirectories(Path.Combine(root, folder))
            .Where(directory => Directory.EnumerateFiles(directory, "*.csproj").Any())
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Every NuGet package, direct or transitive, that the projects restore, for any of their targets.
    /// </summary>
    public static IReadOnlyList<ThirdPartyPackage> NuGet(IEnumerable<string> projects)
    {
        var packages = new List<ThirdPartyPackage>();
        foreach (var project in projects)
        {
            var assets = Path.Combine(project, "obj", "project.assets.json");
            if (!File.Exists(assets))
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(project)} has not been restored ({assets} is missing): " +
                    "run dotnet restore at the repository root, then run this test again.");
            }
            using var document = JsonDocument.Parse(File.ReadAllBytes(assets));
            var folders = document.RootElement.GetProperty("packageFolders").EnumerateObject()
                .Select(folder => folder.Name).ToList();
            var libraries = document.RootElement.GetProperty("libraries");
            var restored = document.RootElement.GetProperty("targets").EnumerateObject()
                .SelectMany(target => target.Value.EnumerateObject())
                .Where(library => library.Value.GetProperty("type").GetString() == "package")
                .Select(library => library.Name)
                .Distinct();
            foreach (var key in restored)
            {
                var (name, version) = (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
                var candidate = new ThirdPartyPackage(name, version, "");
                if (!packages.Any(candidate.IsSame))
                {
                    packages.Add(
                        candidate with { Licence = NuspecLicence(Nuspec(folders, libraries.GetProperty(key))) });
                }
            }
        }
        return packages;
    }

    /// <summary>
    /// The licence a .nuspec names: its licence expression, else what its licence address stands for (NuGet's
    /// licence pages name the expression; Microsoft's .NET library licence has an address of its own), else the
    /// address itself, which no allowed licence matches.
    /// </summary>
    public static string NuspecLicence(string nuspec)
    {
        var metadata = XDocument.Parse(nuspec).Descendants().First(element => element.Name.LocalName == "metadata");
        var license = metadata.Elements().FirstOrDefault(element => element.Name.LocalName == "license");
        if (license is not null)
        {
            return (string?)license.Attribute("type") == "expression" ? license.Value.Trim()
                : $"{license.Value.Trim()} in the package";
        }
        var url = metadata.Elements().FirstOrDefault(element => element.Name.LocalName == "licenseUrl")?.Value.Trim();
        if (string.IsNullOrEmpty(url))
        {
            return "none named";
        }
        const string nuGetLicences = "licenses.nuget.org/";
        var address = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        if (address.StartsWith(nuGetLicences, StringComparison.OrdinalIgnoreCase))
        {
            return Uri.UnescapeDataString(address[nuGetLicences.Length..]);
        }
        return string.Equals(address, "go.microsoft.com/fwlink/?LinkId=329770", StringComparison.OrdinalIgnoreCase)
            ? AllowedLicences.MicrosoftNetLibrary
            : url;
    }

    /// <summary>
    /// Every npm package the lock file installs, with the licence the lock file or the installed package names.
    /// </summary>
    public static IReadOnlyList<ThirdPartyPackage> Npm(string folder)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "package-lock.json")));
        const string modules = "node_modules/";
        return lockFile.RootElement.GetProperty("packages").EnumerateObject()
            .Where(entry => entry.Name.StartsWith(modules, StringComparison.Ordinal))
            .Select(entry => new ThirdPartyPackage(
                entry.Name[(entry.Name.LastIndexOf(modules, StringComparison.Ordinal) + modules.Length)..],
                entry.Value.GetProperty("version").GetString()!,
                NpmLicence(entry.Value) ?? InstalledNpmLicence(Path.Combine(folder, entry.Name, "package.json"))))
            .ToList();
    }

    private static string Nuspec(IReadOnlyList<string> folders, JsonElement library)
    {
        var path = library.GetProperty("path").GetString()!;
        var file = library.GetProperty("files").EnumerateArray().Select(f => f.GetString()!)
            .First(f => f.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        var found = folders.Select(folder => Path.Combine(folder, path, file)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"{file} of {path} is in none of the NuGet package folders {string.Join(", ", folders)}: " +
                "run dotnet restore.");
        return File.ReadAllText(found);
    }

    /// <summary>
    /// The licence of an npm package's metadata: "license", or the older "license": {"type"} and "licenses":
    /// [{"type"}].
    /// </summary>
    private static string? NpmLicence(JsonElement package)
    {
        if (package.TryGetProperty("license", out var license))
        {
            return license.ValueKind == JsonValueKind.Object ? license.GetProperty("type").GetString()
                : license.GetString();
        }
        if (package.TryGetProperty("licenses", out var licenses))
        {
            return string.Join(" OR ", licenses.EnumerateArray().Select(l => l.GetProperty("type").GetString()));
        }
        return null;
    }

    private static string InstalledNpmLicence(string packageJson)
    {
        if (!File.Exists(packageJson))
        {
            return "not in the lock file, and the package is not installed (build the app to run npm ci)";
        }
        using var package = JsonDocument.Parse(File.ReadAllBytes(packageJson));
        return NpmLicence(package.RootElement) ?? "none named";
    }
}
