using System.ComponentModel;
using Dashboard.Core.Analytics;

namespace Dashboard.Web.Api;

/// <summary>
/// The analytics period: <c>period</c> (week, month, quarter, year, all_time), or <c>period=custom</c> with <c>from</c>
/// and <c>to</c> as yyyy-MM-dd, read as the pages read their addresses (<see cref="Periods.TryParse(string?, string?,
/// string?, PeriodSelection, out PeriodSelection, out IReadOnlyList{PeriodError})"/>), all time when none is given.
/// </summary>
public sealed record PeriodParameters : QueryParameters<PeriodParameters>, IReadsItsOwnQuery
{
    [Description(
        "The days to count: the last 7 (week), 30 (month), 90 (quarter) or 365 (year) " +
        "days up to today in your time zone, " +
                 "all_time, or custom with from and to.")]
    [DefaultValue(Core.Analytics.Period.AllTime)]
    public Period? Period { get; init; }

    [Description("With period=custom: the first local day.")]
    public DateOnly? From { get; init; }

    [Description("With period=custom: the last local day, at most 25 years after from.")]
    public DateOnly? To { get; init; }

    /// <summary>The period asked for; all time when the query names none or has a problem.</summary>
    public PeriodSelection Selection => Period is { } period ? new PeriodSelection(period, From, To)
        : PeriodSelection.AllTime;

    object IReadsItsOwnQuery.Read(QueryText query)
    {
        if (Periods.TryParse(query.Raw("period"), query.Raw("from"), query.Raw("to"), PeriodSelection.AllTime,
            out var selection, out var errors))
        {
            return new PeriodParameters { Period = selection.Period, From = selection.From, To = selection.To };
        }
        foreach (var error in errors)
        {
            var type = error.Problem switch
            {
                PeriodProblem.UnknownPeriod => "type_error.enum",
                PeriodProblem.OutsideAcceptedDates => QueryText.OutOfRange,
                PeriodProblem.TooLong => "value_error.date.range_too_long",
                _ => "value_error",
            };
            query.Problem(error.Parameter, $"value {error.Message}", type);
        }
        return this;
    }
}
