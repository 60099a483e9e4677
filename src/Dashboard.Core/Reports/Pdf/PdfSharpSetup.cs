using PdfSharp;
using PdfSharp.Fonts;

namespace Dashboard.Core.Reports.Pdf;

/// <summary>
/// PDFsharp's process-wide settings, made once before the first PDF: the embedded fonts, and the license that
/// PDFsharp 6.5 requires its user to choose (<see cref="ReportOptions.PdfSharpLicense"/>).
/// </summary>
internal static class PdfSharpSetup
{
    public const string Agpl = "AGPL";

    private static readonly Lock Gate = new();
    private static bool _done;

    /// <remarks>A license key PDFsharp does not accept shows when the first document is made.</remarks>
    public static void Ensure(string license)
    {
        lock (Gate)
        {
            if (_done)
            {
                return;
            }
            if (string.Equals(license, Agpl, StringComparison.OrdinalIgnoreCase))
            {
                PdfSharpLicense.SetAgplLicense();
            }
            else
            {
                PdfSharpLicense.LoadLicense(license);
            }
            GlobalFontSettings.FontResolver = PdfFonts.Instance;
            _done = true;
        }
    }
}
