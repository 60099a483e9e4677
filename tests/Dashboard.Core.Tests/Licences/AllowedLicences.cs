namespace Dashboard.Core.Tests.Licences;

/// <summary>
/// The licences a package of Dashboard may come under: permissive ones that ask for a notice and nothing of whoever
/// hosts the app. Nothing copyleft (AGPL, GPL, LGPL) and nothing commercial: those would bind everyone who runs it.
/// </summary>
public static class AllowedLicences
{
    /// <summary>The name a package's licence takes here when it points to Microsoft's .NET library licence.</summary>
    public const string MicrosoftNetLibrary = "LicenseRef-MS-NET-Library";

    public static readonly IReadOnlyList<string> All =
        ["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "PostgreSQL", "MS-PL", "ISC", MicrosoftNetLibrary];

    /// <summary>
    /// Allowed for packages the tests alone restore: axe-core, the accessibility engine the browser tests run, is
    /// MPL-2.0, whose copyleft binds only whoever hands on changed copies of its own files. It never ships with the
    /// app.
    /// </summary>
    public static readonly IReadOnlyList<string> TestsOnly = ["MPL-2.0"];

    /// <summary>
    /// Whether every licence a licence expression names is allowed, choices included: "MIT OR GPL-3.0-only" is
    /// refused, so no package's terms name a copyleft licence, and the rule stays one anybody can read off the list.
    /// An exception added with WITH only grants more, so it is not judged.
    /// </summary>
    public static bool Allow(string expression, IReadOnlyList<string>? alsoAllowed = null)
    {
        var tokens = expression.Replace("(", " ").Replace(")", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var licences = tokens.Where((token, index) => token is not ("AND" or "OR" or "WITH")
            && (index == 0 || tokens[index - 1] != "WITH")).ToList();
        return licences.Count > 0 && licences.All(licence => All.Concat(alsoAllowed ?? [])
            .Contains(licence, StringComparer.OrdinalIgnoreCase));
    }
}
