using Dashboard.Core.Analytics;
using Dashboard.Core.Reports.Pdf;

namespace Dashboard.Core.Reports;

/// <summary>The figures of a period summary, each from the service whose page shows the same figure.</summary>
internal sealed record SummaryFigures(
    ReportContext Context,
    ListeningOverview Overview,
    Trend Trend,
    Habits Habits,
    TopList Tracks,
    TopList Artists,
    TopList Albums);

/// <summary>
/// A "year in review" for any period, as a PDF: headline figures against the period before, the trend, the
/// listening clock, the top 10s, the longest sessions and the streaks. Built from the rollups, so a year of a
/// heavy listener takes as little memory as a week.
/// </summary>
public sealed class PeriodSummaryReport(
    OverviewService overview,
    TrendService trend,
    HabitsService habits,
    TopListsService topLists)
{
    public const int TopCount = 10;

    internal async Task<int> WriteAsync(ReportContext context, Stream output, CancellationToken cancellationToken)
    {
        PdfSharpSetup.Ensure();
        var userId = context.User.UserId;
        var selection = context.Parameters.Selection;
        var figures = new SummaryFigures(
            context,
            await overview.GetAsync(userId, selection, cancellationToken),
            await trend.GetAsync(userId, new TrendQuery(selection), cancellationToken),
            await habits.GetAsync(userId, selection, cancellationToken),
            await topLists.GetAsync(userId, TopKind.Tracks, selection, TopCount, cancellationToken),
            await topLists.GetAsync(userId, TopKind.Artists, selection, TopCount, cancellationToken),
            await topLists.GetAsync(userId, TopKind.Albums, selection, TopCount, cancellationToken));
        SummaryDocument.Write(figures, output);
        return figures.Overview.Current.Plays;
    }
}
