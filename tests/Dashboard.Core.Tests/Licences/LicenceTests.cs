namespace Dashboard.Core.Tests.Licences;

/// <summary>
/// Every package the repository restores comes under an allowed licence and is listed with that licence in
/// THIRD-PARTY-NOTICES.md, and the notice lists nothing that is no longer restored: a package added, upgraded
/// or relicensed fails here until the notice says so.
/// </summary>
[NoDatabase]
public sealed class LicenceTests
{
    private static readonly string Root = ThirdPartyPackages.RepositoryRoot();
    private static readonly ThirdPartyNotice Notice = ThirdPartyNotice.Read(Root);
    private static readonly Lazy<IReadOnlyList<ThirdPartyPackage>> App = new(() =>
        ThirdPartyPackages.NuGet([Path.Combine(Root, "src", "Dashboard.Web")]));
    private static readonly Lazy<IReadOnlyList<ThirdPartyPackage>> Src = new(() =>
        ThirdPartyPackages.NuGet(ThirdPartyPackages.Projects(Root, "src")));

    [Fact]
    public void Every_NuGet_package_shipped_with_the_app_has_an_allowed_licence_and_its_row_in_the_notice() =>
        AssertNoProblems(ThirdPartyNotice.Shipped, App.Value);

    [Fact]
    public void Every_NuGet_package_the_build_alone_restores_has_an_allowed_licence_and_its_row_in_the_notice() =>
        AssertNoProblems(ThirdPartyNotice.BuildOnly, Src.Value.Where(package => !App.Value.Any(package.IsSame)));

    [Fact]
    public void Every_npm_package_of_the_pages_has_an_allowed_licence_and_its_row_in_the_notice() =>
        AssertNoProblems(ThirdPartyNotice.Pages, ThirdPartyPackages.Npm(Path.Combine(Root, "wwwroot-assets")));

    [Fact]
    public void Every_NuGet_package_the_tests_alone_restore_has_an_allowed_licence_and_its_row_in_the_notice() =>
        AssertNoProblems(ThirdPartyNotice.TestsOnly,
            ThirdPartyPackages.NuGet(ThirdPartyPackages.Projects(Root, "tests"))
            .Where(package => !Src.Value.Any(package.IsSame)), AllowedLicences.TestsOnly);

    private static void AssertNoProblems(string section, IEnumerable<ThirdPartyPackage> restored,
        IReadOnlyList<string>? alsoAllowed = null)
    {
        var problems = Notice.Audit(section, restored, alsoAllowed);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
