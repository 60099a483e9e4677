using PdfSharp.Fonts;

namespace Dashboard.Core.Reports.Pdf;

/// <summary>PDFsharp's process-wide settings, made once before the first PDF: the embedded fonts.</summary>
internal static class PdfSharpSetup
{
    private static readonly Lock Gate = new();
    private static bool _done;

    public static void Ensure()
    {
        lock (Gate)
        {
            if (_done)
            {
                return;
            }
            GlobalFontSettings.FontResolver = PdfFonts.Instance;
            _done = true;
        }
    }
}
