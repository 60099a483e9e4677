using System.Text.Json;

namespace Dashboard.Core.Tests.Licences;

/// <summary>
/// The rules and readers behind <see cref="LicenceTests"/>, on packages and notices made up for each case.
/// </summary>
[NoDatabase]
public sealed class LicenceAuditTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dashboard-licences-");

    [Theory]
    [InlineData("MIT")]
    [InlineData("Apache-2.0 OR MS-PL")]
    [InlineData("(MIT AND BSD-3-Clause)")]
    [InlineData("Apache-2.0 WITH LLVM-exception")]
    [InlineData("PostgreSQL")]
    [InlineData("isc")]
    [InlineData(AllowedLicences.MicrosoftNetLibrary)]
    public void A_package_under_allowed_licences_only_is_allowed(string licence) =>
        Assert.True(AllowedLicences.Allow(licence));

    [Theory]
    [InlineData("AGPL-3.0-only")]
    [InlineData("GPL-2.0-or-later")]
    [InlineData("LGPL-3.0-or-later")]
    [InlineData("MIT OR GPL-3.0-only")]
    [InlineData("LicenseRef-Commercial")]
    [InlineData("LICENSE.txt in the package")]
    [InlineData("")]
    public void A_package_whose_licence_names_anything_not_allowed_is_refused(string licence) =>
        Assert.False(AllowedLicences.Allow(licence));

    [Fact]
    public void The_test_tools_licence_is_allowed_for_the_tests_only() =>
        Assert.Equal((false, true),
            (AllowedLicences.Allow("MPL-2.0"), AllowedLicences.Allow("MPL-2.0", AllowedLicences.TestsOnly)));

    [Theory]
    [InlineData(
        "<license type=\"expression\">AGPL-3.0-only</license>" +
        "<licenseUrl>https://licenses.nuget.org/AGPL-3.0-only</licenseUrl>", "AGPL-3.0-only")]
    [InlineData("<licenseUrl>https://licenses.nuget.org/Apache-2.0%20OR%20MIT</licenseUrl>", "Apache-2.0 OR MIT")]
    [InlineData("<licenseUrl>http://go.microsoft.com/fwlink/?LinkId=329770</licenseUrl>",
        AllowedLicences.MicrosoftNetLibrary)]
    [InlineData("<licenseUrl>https://example.org/eula.html</licenseUrl>", "https://example.org/eula.html")]
    [InlineData("<license type=\"file\">LICENSE.txt</license>", "LICENSE.txt in the package")]
    [InlineData("", "none named")]
    public void A_nuspec_licence_is_its_expression_else_what_its_address_stands_for(string elements, string licence)
    {
        var nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>Some.Package</id><version>1.0.0</version>{elements}</metadata>
            </package>
            """;

        Assert.Equal(licence, ThirdPartyPackages.NuspecLicence(nuspec));
    }

    [Fact]
    public void The_audit_names_a_licence_not_allowed_a_missing_row_a_wrong_licence_and_a_row_no_longer_restored()
    {
        var notice = ThirdPartyNotice.Parse("""
            # Third-party notices

            ## Shipped

            | Package | Version | Licence |
            |---|---|---|
            | Alpha | 1.0.0 | MIT |
            | Beta | 2.0.0 | MIT |
            | Gone | 3.0.0 | MIT |

            ## Elsewhere

            | Package | Version | Licence |
            |---|---|---|
            | Delta | 1.0.0 | MIT |
            """);

        var problems = notice.Audit("Shipped", [
            new("alpha", "1.0.0", "MIT"),
            new("Beta", "2.0.0", "Apache-2.0"),
            new("Gamma", "1.0.0", "AGPL-3.0-only"),
            new("Delta", "1.0.0", "MIT"),
        ]);

        Assert.Equal(
        [
            "THIRD-PARTY-NOTICES.md gives Beta 2.0.0 as MIT under \"Shipped\", but its package names Apache-2.0.",
            "Delta 1.0.0 is missing from THIRD-PARTY-NOTICES.md under \"Shipped\": add | Delta | 1.0.0 | MIT |.",
            "Gamma 1.0.0 is under AGPL-3.0-only, which is not allowed (allowed: MIT, Apache-2.0, BSD-2-Clause, " +
            "BSD-3-Clause, " +
            "PostgreSQL, MS-PL, ISC, LicenseRef-MS-NET-Library): take a version or a package under one of those.",
            "Gamma 1.0.0 is missing from THIRD-PARTY-NOTICES.md under \"Shipped\": " +
            "add | Gamma | 1.0.0 | AGPL-3.0-only |.",
            "THIRD-PARTY-NOTICES.md lists Gone 3.0.0 under \"Shipped\", which is not restored there: remove the row.",
        ], problems);
    }

    [Fact]
    public void The_audit_says_when_the_notice_has_no_section_for_the_packages() =>
        Assert.Equal(["THIRD-PARTY-NOTICES.md has no section \"## Shipped\"."],
            ThirdPartyNotice.Parse("# Third-party notices\n").Audit("Shipped", [new("Alpha", "1.0.0", "MIT")]));

    [Fact]
    public void NuGet_packages_are_those_each_project_restores_once_each_with_the_licence_of_their_nuspec()
    {
        var packages = Directory.CreateDirectory(Path.Combine(_folder.FullName, "packages")).FullName + "/";
        Package(packages, "alpha", "1.0.0", "<license type=\"expression\">MIT</license>");
        Package(packages, "alpha", "2.0.0", "<license type=\"expression\">BSD-2-Clause</license>");
        Package(packages, "beta", "3.1.0", "<licenseUrl>https://licenses.nuget.org/ISC</licenseUrl>");
        var web = Project("Web", packages, ("Alpha", "1.0.0"), ("Beta", "3.1.0"));
        var tool = Project("Tool", packages, ("Alpha", "2.0.0"), ("Beta", "3.1.0"));

        var restored = ThirdPartyPackages.NuGet([web, tool]);

        Assert.Equal([new("Alpha", "1.0.0", "MIT"), new("Beta", "3.1.0", "ISC"), new("Alpha", "2.0.0", "BSD-2-Clause")],
            restored);
    }

    [Fact]
    public void A_project_that_was_not_restored_is_named_with_what_to_do()
    {
        var project = Directory.CreateDirectory(Path.Combine(_folder.FullName, "Fresh")).FullName;

        var error = Assert.Throws<InvalidOperationException>(() => ThirdPartyPackages.NuGet([project]));

        Assert.Equal(
            $"Fresh has not been restored ({project}/obj/project.assets.json is missing): run dotnet restore at the " +
            "repository root, then run this test again.", error.Message);
    }

    [Fact]
    public void Npm_licences_come_from_the_lock_file_else_from_the_installed_package()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "package-lock.json"), """
            {
              "lockfileVersion": 3,
              "packages": {
                "": { "name": "assets", "dependencies": { "charts": "1.0.0" } },
                "node_modules/charts": { "version": "1.0.0", "license": "MIT" },
                "node_modules/charts/node_modules/svg": { "version": "2.0.0" },
                "node_modules/old": { "version": "0.1.0" }
              }
            }
            """);
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "node_modules/charts/node_modules/svg"));
        File.WriteAllText(Path.Combine(_folder.FullName, "node_modules/charts/node_modules/svg/package.json"),
            """{ "name": "svg", "license": { "type": "BSD-3-Clause" } }""");

        var packages = ThirdPartyPackages.Npm(_folder.FullName);

        Assert.Equal([
            new("charts", "1.0.0", "MIT"),
            new("svg", "2.0.0", "BSD-3-Clause"),
            new("old", "0.1.0", "not in the lock file, and the package is not installed (build the app to run npm ci)"),
        ], packages);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static void Package(string packages, string id, string version, string licence)
    {
        var folder = Directory.CreateDirectory(Path.Combine(packages, id, version)).FullName;
        File.WriteAllText(Path.Combine(folder, $"{id}.nuspec"),
            $"<package><metadata><id>{id}</id><version>{version}</version>{licence}</metadata></package>");
    }

    /// <summary>
    /// A project folder whose obj/project.assets.json restores the given packages, as NuGet writes it.
    /// </summary>
    private string Project(string name, string packages, params (string Id, string Version)[] restored)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.FullName, name, "obj")).Parent!.FullName;
        var assets = new
        {
            version = 3,
            targets = new Dictionary<string, object>
            {
                ["net10.0"] = restored.ToDictionary(p => $"{p.Id}/{p.Version}", _ => new { type = "package" }),
            },
            libraries = restored.ToDictionary(p => $"{p.Id}/{p.Version}", p => new
            {
                type = "package",
                path = $"{p.Id.ToLowerInvariant()}/{p.Version}",
                files = new[] { "lib/net10.0/x.dll", $"{p.Id.ToLowerInvariant()}.nuspec" },
            }),
            packageFolders = new Dictionary<string, object> { [packages] = new { } },
        };
        File.WriteAllText(Path.Combine(folder, "obj", "project.assets.json"), JsonSerializer.Serialize(assets));
        return folder;
    }
}
