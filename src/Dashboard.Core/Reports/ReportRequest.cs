using System.Globalization;
using Dashboard.Core.Analytics;

namespace Dashboard.Core.Reports;

/// <summary>
/// A report as the form or the API asks for it, every field as given. Daily analytics takes a
/// <see cref="Date"/>; the others take a <see cref="Period"/> (<c>week</c> ... <c>all_time</c>) or a range
/// <see cref="From"/>-<see cref="To"/>.
/// </summary>
public sealed record ReportRequest(
    string? Type,
    string? Format,
    string? Date = null,
    string? From = null,
    string? To = null,
    string? Period = null,
    int? Limit = null);

/// <summary>What is wrong with a request, naming the field.</summary>
public sealed record ReportFieldError(string Field, string Message);

/// <summary>
/// A request that passed <see cref="ReportRequests.TryValidate"/>; the days are resolved by the service.
/// </summary>
internal sealed record ValidReportRequest(ReportType Type, ReportFormat Format, PeriodSelection Selection, int? Limit);

internal static class ReportRequests
{
    public const int DefaultTopLimit = 100;

    private static readonly string TypeKeys = string.Join(", ", Enum.GetValues<ReportType>().Select(t => t.Key()));

    /// <param name="today">Today in the user's zone: no report reaches past it.</param>
    public static bool TryValidate(ReportRequest request, DateOnly today, out ValidReportRequest? valid,
        out ReportFieldError? error)
    {
        valid = null;
        error = Check(request, today, out var type, out var format, out var selection);
        if (error is null && request.Limit is { } limit
            && (type != ReportType.TopLists || !TopListsService.Limits.Contains(limit)))
        {
            error = type == ReportType.TopLists
                ? new ReportFieldError("limit", $"must be one of {string.Join(", ", TopListsService.Limits)}")
                : new ReportFieldError("limit", "applies to top_lists only");
        }
        if (error is not null)
        {
            return false;
        }
        valid = new ValidReportRequest(type, format, selection!, type == ReportType.TopLists ? request.Limit
            ?? DefaultTopLimit : null);
        return true;
    }

    private static ReportFieldError? Check(ReportRequest request, DateOnly today, out ReportType type,
        out ReportFormat format,
        out PeriodSelection? selection)
    {
        format = default;
        selection = null;
        if (string.IsNullOrWhiteSpace(request.Type))
        {
            type = default;
            return new ReportFieldError("type", $"is required: one of {TypeKeys}");
        }
        if (!ReportKinds.TryParse(request.Type, out type))
        {
            return new ReportFieldError("type", $"'{request.Type}' is not a report type: use one of {TypeKeys}");
        }

        var formats = string.Join(" or ", type.Formats().Select(f => f.Key()));
        if (string.IsNullOrWhiteSpace(request.Format))
        {
            return new ReportFieldError("format", $"is required: {type.Key()} is made as {formats}");
        }
        if (!ReportKinds.TryParse(request.Format, out format) || !type.Formats().Contains(format))
        {
            return new ReportFieldError("format", $"{type.Key()} is made as {formats}, not '{request.Format}'");
        }

        if (type == ReportType.DailyAnalytics)
        {
            if (string.IsNullOrWhiteSpace(request.Date))
            {
                return new ReportFieldError("date", "is required as yyyy-MM-dd");
            }
            if (!Periods.TryParseDate(request.Date, out var date))
            {
                return new ReportFieldError("date", "must be a date as yyyy-MM-dd");
            }
            if (!AcceptedDates.Contains(date))
            {
                return new ReportFieldError("date", AcceptedDates.OutsideMessage);
            }
            if (date > today)
            {
                return new ReportFieldError("date", $"is in the future: the latest day is today, {Day(today)}");
            }
            selection = PeriodSelection.Between(date, date);
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.Period) && string.IsNullOrWhiteSpace(request.From)
            && string.IsNullOrWhiteSpace(request.To))
        {
            return new ReportFieldError("period",
                "is required: week, month, quarter, year, all_time, or custom with from and to");
        }
        if (!Periods.TryParse(request.Period, request.From, request.To, PeriodSelection.AllTime, out selection,
            out var periodErrors))
        {
            return new ReportFieldError(periodErrors[0].Parameter, periodErrors[0].Message);
        }
        if (selection.From > today)
        {
            return new ReportFieldError("from", $"is in the future: the latest day is today, {Day(today)}");
        }
        if (selection.To > today)
        {
            return new ReportFieldError("to", $"is in the future: the latest day is today, {Day(today)}");
        }
        return null;
    }

    private static string Day(DateOnly day) => day.ToString(Periods.DateFormat, CultureInfo.InvariantCulture);
}
