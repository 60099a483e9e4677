using System.Globalization;
using System.Text;

namespace Dashboard.Core.Imports;

/// <summary>
/// Names of uploaded files and zip entries as the app keeps, logs and shows them. A name is only ever shown: the files
/// are stored under numbers (<c>000.upload</c>), so any name is safe once the characters that could break a line or a
/// database, or disguise the name, are replaced; everything else is kept as the user sent it.
/// </summary>
internal static class UploadNames
{
    /// <summary>The longest name kept; a longer one ends in an ellipsis.</summary>
    public const int MaxLength = 255;

    /// <summary>What a file sent without a name is called.</summary>
    public const string Unnamed = "unnamed file";

    /// <summary>
    /// An uploaded file's name: the last part of the path some clients send with it (the folder it came from on the
    /// user's machine), made safe to show.
    /// </summary>
    public static string OfUpload(string? sent)
    {
        var segments = (sent ?? "").Split('/', '\\');
        var last = segments.LastOrDefault(segment => !string.IsNullOrWhiteSpace(segment));
        return Shown(last ?? "");
    }

    /// <summary>
    /// A name made safe to show and store: control characters (line breaks, NUL), line and paragraph separators,
    /// direction overrides that can make <c>evil.exe</c> read as something else, and broken surrogates become
    /// U+FFFD; over <see cref="MaxLength"/> characters it is cut short.
    /// </summary>
    public static string Shown(string sent)
    {
        // A name cut short keeps room for the ellipsis.
        var limit = sent.Length > MaxLength ? MaxLength - 1 : MaxLength;
        var safe = new StringBuilder(Math.Min(sent.Length, MaxLength));
        foreach (var rune in sent.EnumerateRunes())
        {
            var shown = IsUnsafe(rune) ? Rune.ReplacementChar : rune;
            if (safe.Length + shown.Utf16SequenceLength > limit)
            {
                safe.Append('…');
                break;
            }
            safe.Append(shown.ToString());
        }
        var name = safe.ToString().Trim();
        return name.Length == 0 ? Unnamed : name;
    }

    private static bool IsUnsafe(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator
        || rune.Value is 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
