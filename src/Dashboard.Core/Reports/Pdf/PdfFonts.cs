using PdfSharp.Fonts;

namespace Dashboard.Core.Reports.Pdf;

/// <summary>
/// Gives PDFsharp the DejaVu Sans faces embedded in this assembly, whatever the family asked for: PDFsharp's
/// own resolver needs fonts installed on the machine, and a server or container may have none.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public static readonly PdfFonts Instance = new();

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        // DejaVu Sans has an oblique face, but a summary never needs it: italic is simulated if asked for.
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Dashboard.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException(
                $"The font {faceName} is not embedded in {typeof(PdfFonts).Assembly.GetName().Name}.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
