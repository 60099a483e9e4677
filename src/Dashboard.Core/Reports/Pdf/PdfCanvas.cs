using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Dashboard.Core.Reports.Pdf;

internal enum TextAlign
{
    Left,
    Right,
    Center,
}

/// <summary>
/// The few drawing moves a report needs, on one page: text placed by its top edge and fitted to a width (cut
/// with an ellipsis rather than running into the next column), filled boxes and rules, in the app's colours.
/// </summary>
internal sealed class PdfCanvas(XGraphics graphics)
{
    public static readonly XColor Ink = XColor.FromArgb(0x19, 0x14, 0x14);
    public static readonly XColor Muted = XColor.FromArgb(0x5F, 0x63, 0x68);
    public static readonly XColor Rule = XColor.FromArgb(0xE6, 0xE8, 0xEB);
    public static readonly XColor Tile = XColor.FromArgb(0xF6, 0xF7, 0xF9);
    public static readonly XColor Accent = XColor.FromArgb(0x1D, 0xB9, 0x54);
    public static readonly XColor AccentPale = XColor.FromArgb(0xEC, 0xF8, 0xF0);
    public static readonly XColor Down = XColor.FromArgb(0xD9, 0x30, 0x25);
    public static readonly XColor White = XColors.White;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private readonly Dictionary<(double Size, bool Bold), XFont> _fonts = [];

    public XGraphics Graphics => graphics;

    public void Text(string text, double x, double y, double size, XColor color, bool bold = false,
        double? width = null,
        TextAlign align = TextAlign.Left)
    {
        var font = Font(size, bold);
        if (width is { } available)
        {
            text = Fit(text, font, available);
        }
        var left = align == TextAlign.Left || width is null
            ? x
            : x + (width.Value - graphics.MeasureString(text, font).Width) / (align == TextAlign.Right ? 1 : 2);
        graphics.DrawString(text, font, new XSolidBrush(color), left, y, XStringFormats.TopLeft);
    }

    public double Width(string text, double size, bool bold = false) =>
        graphics.MeasureString(text, Font(size, bold)).Width;

    /// <summary>
    /// The largest size, at most <paramref name="size"/> and in steps of half a point, at which the whole text fits
    /// the width; a figure is shrunk rather than cut, down to <paramref name="smallest"/>.
    /// </summary>
    public double SizeToFit(string text, double size, double width, bool bold = false, double smallest = 8)
    {
        while (size > smallest && Width(text, size, bold) > width)
        {
            size -= 0.5;
        }
        return size;
    }

    public void Box(double x, double y, double width, double height, XColor color, double radius = 0)
    {
        var brush = new XSolidBrush(color);
        if (radius > 0)
        {
            graphics.DrawRoundedRectangle(brush, new XRect(x, y, width, height), new XSize(radius * 2, radius * 2));
        }
        else
        {
            graphics.DrawRectangle(brush, x, y, width, height);
        }
    }

    public void Line(double x1, double y1, double x2, double y2, XColor color, double thickness = 0.75) =>
        graphics.DrawLine(new XPen(color, thickness), x1, y1, x2, y2);

    /// <summary>Blends from <paramref name="from"/> (0) to <paramref name="to"/> (1).</summary>
    public static XColor Blend(XColor from, XColor to, double amount)
    {
        amount = Math.Clamp(amount, 0, 1);
        return XColor.FromArgb(
            (int)Math.Round(from.R + (to.R - from.R) * amount),
            (int)Math.Round(from.G + (to.G - from.G) * amount),
            (int)Math.Round(from.B + (to.B - from.B) * amount));
    }

    private XFont Font(double size, bool bold)
    {
        if (!_fonts.TryGetValue((size, bold), out var font))
        {
            font = new XFont(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
            _fonts[(size, bold)] = font;
        }
        return font;
    }

    private string Fit(string text, XFont font, double width)
    {
        if (graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        // The longest prefix that fits with the ellipsis, found by halving.
        int shortest = 0, longest = text.Length;
        while (shortest < longest)
        {
            var middle = (shortest + longest + 1) / 2;
            if (graphics.MeasureString(Cut(text, middle), font).Width <= width)
            {
                shortest = middle;
            }
            else
            {
                longest = middle - 1;
            }
        }
        return Cut(text, shortest);
    }

    /// <summary>
    /// The first <paramref name="length"/> characters and an ellipsis, never splitting a surrogate pair.
    /// </summary>
    private static string Cut(string text, int length)
    {
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }
        return string.Concat(text.AsSpan(0, length).TrimEnd(), "…");
    }
}
