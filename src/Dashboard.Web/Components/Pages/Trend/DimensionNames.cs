using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;

namespace Dashboard.Web.Components.Pages.Trend;

/// <summary>
/// Readable names for breakdown dimensions and their values. Values travel in addresses as the API names them
/// (<c>fwdbtn</c>, <c>true</c>, <c>GB</c>); people read "Forward button", "Shuffle on", "United Kingdom".
/// </summary>
public static class DimensionNames
{
    public static string Of(Dimension dimension) => dimension switch
    {
        Dimension.Country => "Country",
        Dimension.Platform => "Platform",
        Dimension.ReasonStart => "Reason started",
        Dimension.ReasonEnd => "Reason ended",
        Dimension.Shuffle => "Shuffle",
        Dimension.Skipped => "Skipped",
        Dimension.Offline => "Offline",
        Dimension.Incognito => "Private session",
        Dimension.ContentType => "Content type",
        _ => dimension.ToString(),
    };

    // Spotify's reasons, as the export writes them.
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trackdone"] = "Track finished",
        ["fwdbtn"] = "Forward button",
        ["backbtn"] = "Back button",
        ["clickrow"] = "Chosen from a list",
        ["clickside"] = "Chosen from the side panel",
        ["playbtn"] = "Play button",
        ["appload"] = "App opened",
        ["remote"] = "Another device",
        ["endplay"] = "Stopped",
        ["logout"] = "Logged out",
        ["trackerror"] = "Track error",
        ["unexpected-exit"] = "App closed unexpectedly",
        ["unexpected-exit-while-paused"] = "App closed while paused",
        ["uriopen"] = "Opened a link",
        ["popup"] = "Pop-up",
        ["persisted"] = "Resumed",
    };

    public static string Value(Dimension dimension, string value)
    {
        if (value == Dimensions.Unknown)
        {
            return "Unknown";
        }
        return dimension switch
        {
            Dimension.Country => Country(value),
            Dimension.Platform => Figures.Platform(value),
            Dimension.ReasonStart or Dimension.ReasonEnd => Reasons.GetValueOrDefault(value) ?? value,
            Dimension.Shuffle => Flag(value, "Shuffle on", "Shuffle off"),
            Dimension.Skipped => Flag(value, "Skipped", "Not skipped"),
            Dimension.Offline => Flag(value, "Offline", "Online"),
            Dimension.Incognito => Flag(value, "Private session", "Normal session"),
            Dimension.ContentType => value switch
            {
                "music" => "Music",
                "podcast" => "Podcasts",
                "audiobook" => "Audiobooks",
                "video" => "Video",
                _ => value,
            },
            _ => value,
        };
    }

    private static string Flag(string value, string yes, string no) => value switch
    {
        "true" => yes,
        "false" => no,
        _ => value,
    };

    /// <summary>The country's English name; Spotify writes <c>ZZ</c> when it could not tell.</summary>
    private static string Country(string code)
    {
        if (string.Equals(code, "ZZ", StringComparison.OrdinalIgnoreCase))
        {
            return "Unknown";
        }
        if (code.Length != 2)
        {
            return code;
        }
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            // A code .NET does not know; the code itself is the best name there is.
            return code;
        }
    }
}
