using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;

namespace Dashboard.Core.Reports.Pdf;

/// <summary>
/// The summary's plays over time: bars on a value axis of round numbers, with date labels that do not crowd.
/// </summary>
internal static class SummaryTrendChart
{
    public static void Draw(PdfCanvas canvas, Trend trend, double top, double height)
    {
        const double axis = 38;
        var left = SummaryDocument.Margin + axis;
        var width = SummaryDocument.ContentWidth - axis;
        var plotHeight = height - 18;
        var bottom = top + plotHeight;
        if (trend.IsEmpty)
        {
            SummaryDocument.Empty(canvas, "No plays in this period.", top, height);
            return;
        }

        var (step, ticks) = Axis(trend.Points.Max(p => p.Plays));
        var ceiling = step * ticks;
        for (var tick = 0; tick <= ticks; tick++)
        {
            var y = bottom - plotHeight * tick / ticks;
            canvas.Line(left, y, left + width, y, tick == 0 ? PdfCanvas.Muted : PdfCanvas.Rule, tick == 0 ? 0.75 : 0.5);
            canvas.Text(Figures.Count(step * tick), SummaryDocument.Margin, y - 5, 7, PdfCanvas.Muted, width: axis - 6,
                align: TextAlign.Right);
        }

        var slot = width / trend.Points.Count;
        var bar = Math.Max(1, slot * 0.72);
        var labelEvery = LabelEvery(trend.Points.Count, trend.Granularity);
        for (var i = 0; i < trend.Points.Count; i++)
        {
            var point = trend.Points[i];
            var x = left + i * slot + (slot - bar) / 2;
            var barHeight = plotHeight * point.Plays / ceiling;
            if (barHeight > 0)
            {
                canvas.Box(x, bottom - barHeight, bar, barHeight, PdfCanvas.Accent);
            }
            if (IsLabelled(point.Start, i, labelEvery, trend.Granularity))
            {
                canvas.Line(left + i * slot + slot / 2, bottom, left + i * slot + slot / 2, bottom + 3, PdfCanvas.Muted,
                    0.5);
                canvas.Text(BucketLabel(point.Start, trend.Granularity, labelEvery), left + i * slot - 20 + slot / 2,
                    bottom + 5, 6.5, PdfCanvas.Muted, width: 40, align: TextAlign.Center);
            }
        }
    }

    /// <summary>Months apart that month labels may stand: two months, a quarter, half a year, a year.</summary>
    private static readonly int[] MonthLabelSteps = [2, 3, 6, 12];

    /// <summary>
    /// How many buckets apart the axis labels stand: at most about 12 labels. Months are labelled on whole quarters,
    /// half years or years (January, April ...), so a ten-year chart reads by year rather than by every tenth month.
    /// </summary>
    internal static int LabelEvery(int buckets, Granularity granularity)
    {
        var every = (int)Math.Ceiling(buckets / 12.0);
        return granularity != Granularity.Month || every <= 1
            ? Math.Max(1, every)
            : MonthLabelSteps.FirstOrDefault(candidate => candidate >= every, (every + 11) / 12 * 12);
    }

    private static bool IsLabelled(DateOnly start, int index, int every, Granularity granularity) =>
        granularity == Granularity.Month
            ? (start.Year * 12 + start.Month - 1) % every == 0
            : index % every == 0;

    private static string BucketLabel(DateOnly start, Granularity granularity, int every) => granularity switch
    {
        Granularity.Month when every >= 12 => start.ToString("yyyy", Figures.Culture),
        Granularity.Month => start.ToString("MMM yy", Figures.Culture),
        _ => start.ToString("d MMM", Figures.Culture),
    };

    /// <summary>
    /// The value axis for a tallest bar of <paramref name="highest"/>: a step of 1, 2 or 5 times a power of ten and
    /// the fewest ticks (at most 5) that reach the bar, so every tick label is a round number (500, 1,000 ...).
    /// </summary>
    internal static (int Step, int Ticks) Axis(int highest)
    {
        highest = Math.Max(1, highest);
        for (var magnitude = 1; ; magnitude *= 10)
        {
            foreach (var multiple in (int[])[1, 2, 5])
            {
                var step = multiple * magnitude;
                if (step * 5 >= highest)
                {
                    return (step, (highest + step - 1) / step);
                }
            }
        }
    }
}
