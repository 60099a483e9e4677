using System.Text.Json;
using Dashboard.Core.Analytics;
using Dashboard.Core.Reports;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;

namespace Dashboard.Web.Api;

/// <summary>
/// Reports are made in the background: request, then poll the status, then download through a
/// pre-signed link that expires. Every route but the download answers only for the signed-in owner; the
/// download answers to the link alone.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>The largest report request read: its few short fields fit many times over.</summary>
    public const int MaxRequestBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        // A request is JSON only (see RequestAsync); a retry needs the page's antiforgery token with a cookie session.
        var reports = app.MapGroup("/api/v1/reports").RequireAuthorization().WithTags("Reports").DisableAntiforgery();

        reports.MapPost("", RequestAsync)
            .WithSummary(
                "Requests a report; it is made in the background. Poll it until completed, " +
                "then download it through its link.")
            .DocumentsJsonBody<ReportRequestBody>()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxRequestBytes))
            .Produces<ReportEnvelope>(StatusCodes.Status201Created)
            .Produces<ReportLimitResponse>(StatusCodes.Status409Conflict)
            .ProducesDetail(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationErrors();

        reports.MapGet("",
            async (HttpContext context, ReportService service, ReportLinks links,
                CancellationToken cancellationToken) =>
                Results.Ok(new ReportListResponse(
                    [.. (await service.ListAsync(context.User.UserId()!.Value, cancellationToken))
                    .Select(r => ReportResponse.Of(r, links, context.Request))])))
            .WithSummary("Your reports, newest first; completed ones with a fresh download link.")
            .Produces<ReportListResponse>();

        reports.MapGet("/{id:guid}",
            async (Guid id, HttpContext context, ReportService service, ReportLinks links,
                CancellationToken cancellationToken) =>
                await service.GetAsync(context.User.UserId()!.Value, id, cancellationToken) is { } report
                    ? Results.Ok(new ReportEnvelope(ReportResponse.Of(report, links, context.Request)))
                    : ApiResults.NotFound("Report not found"))
            .WithSummary("One report; once completed, with a fresh download link.")
            .Produces<ReportEnvelope>()
            .ProducesDetail(StatusCodes.Status404NotFound);

        reports.MapDelete("/{id:guid}",
            async (Guid id, HttpContext context, ReportService service, CancellationToken cancellationToken) =>
                await service.DeleteAsync(context.User.UserId()!.Value, id, cancellationToken) switch
                {
                    DeleteOutcome.Deleted => Results.NoContent(),
                    DeleteOutcome.Processing => ApiResults.Status(StatusCodes.Status409Conflict,
                        "The report is being made right now; delete it once it has completed or failed."),
                    _ => ApiResults.NotFound("Report not found"),
                })
            .WithSummary("Deletes a report and its file.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        reports.MapPost("/{id:guid}/retry",
            async (Guid id, HttpContext context, ReportService service, ReportJobs jobs, ReportLinks links,
                CancellationToken cancellationToken) =>
                await service.RetryAsync(context.User.UserId()!.Value, id, cancellationToken) switch
                {
                    null => ApiResults.NotFound("No failed report with this id"),
                    var outcome =>
                        await AcceptedAsync(outcome, jobs, links, context.Request, StatusCodes.Status202Accepted,
                            cancellationToken),
                })
            .RequireAntiforgeryForCookies()
            .WithSummary("Makes a failed report again. Needs the page's antiforgery token with a cookie session.")
            .Produces<ReportEnvelope>(StatusCodes.Status202Accepted)
            .Produces<ReportLimitResponse>(StatusCodes.Status409Conflict)
            .ProducesDetail(StatusCodes.Status404NotFound);

        // A large report over a slow link takes longer than the default timeout allows.
        app.MapGet("/api/v1/reports/{id:guid}/download", DownloadAsync).AllowAnonymous().WithTags("Reports")
            .WithSummary(
                "The report's file, through the link a completed report carries; the link alone opens it, " +
                "until it expires.")
            .ProducesFile([.. Enum.GetValues<ReportFormat>().Select(f => f.ContentType().Split(';')[0])])
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status410Gone)
            .WithRequestTimeout(Platform.RequestTimeLimitOptions.LongPolicy);
        return app;
    }

    private static async Task<IResult> RequestAsync(HttpContext context, ReportService service, ReportJobs jobs,
        ReportLinks links,
        CancellationToken cancellationToken)
    {
        // JSON only: a cross-site form cannot send it without the browser asking first, which keeps cookie
        // sessions safe from forged requests.
        if (!context.Request.HasJsonContentType())
        {
            return ApiResults.Status(StatusCodes.Status415UnsupportedMediaType,
                "Send the request as JSON (Content-Type: application/json).");
        }
        // Kestrel stops a longer body as it arrives; one that says its length is refused before it is read.
        if (context.Request.ContentLength > MaxRequestBytes)
        {
            return ApiResults.Status(StatusCodes.Status413PayloadTooLarge,
                $"A report request is at most {MaxRequestBytes / 1024} KB of JSON.");
        }
        ReportRequestBody? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<ReportRequestBody>(cancellationToken);
        }
        catch (JsonException e)
        {
            return ApiResults.Unprocessable(["body"], $"is not valid JSON: {e.Message}", "json_invalid");
        }
        if (body is null)
        {
            return ApiResults.Unprocessable(["body"], "is required", "missing");
        }
        var outcome = await service.RequestAsync(context.User.UserId()!.Value,
            new ReportRequest(body.Type, body.Format, body.Date, body.From, body.To, body.Period, body.Limit),
            cancellationToken);
        return await AcceptedAsync(outcome, jobs, links, context.Request, StatusCodes.Status201Created,
            cancellationToken);
    }

    private static async Task<IResult> AcceptedAsync(ReportRequestOutcome outcome, ReportJobs jobs, ReportLinks links,
        HttpRequest request,
        int status, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case ReportRequestOutcome.Accepted(var report):
                await jobs.ScheduleAsync(report.Id, cancellationToken);
                var response = new ReportEnvelope(ReportResponse.Of(report, links, request));
                return status == StatusCodes.Status201Created
                    ? Results.Created($"/api/v1/reports/{report.Id}", response)
                    : Results.Json(response, statusCode: status);
            case ReportRequestOutcome.Invalid(var error):
                return ApiResults.Unprocessable(["body", error.Field], error.Message, "value_error");
            case ReportRequestOutcome.TooManyActive(var active, var limit):
                return Results.Json(
                    new ReportLimitResponse($"You have reached the maximum of {limit} active reports", active),
                    statusCode: StatusCodes.Status409Conflict);
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null);
        }
    }

    private static async Task<IResult> DownloadAsync(Guid id, string? token, HttpContext context, ReportLinks links,
        ReportService service,
        CancellationToken cancellationToken)
    {
        switch (links.Check(id, token, out var userId))
        {
            case LinkCheck.Expired:
                return ApiResults.Status(StatusCodes.Status410Gone,
                    $"This download link has expired. Open the report again (the Reports page, " +
                    $"or GET /api/v1/reports/{id}) for a fresh link.");
            case LinkCheck.Invalid:
                return ApiResults.NotFound("Report not found");
        }
        if (await service.FileAsync(userId, id, cancellationToken) is not { } file)
        {
            return ApiResults.NotFound("Report not found");
        }
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(file.Path, file.ContentType, file.FileName, enableRangeProcessing: true);
    }
}

/// <summary>
/// What report to make: <c>type</c> (daily_analytics, listening_history, top_lists, period_summary) and <c>format</c>
/// (zip, csv, json, pdf); a <c>date</c> for daily analytics, otherwise a <c>period</c> or <c>from</c> and <c>to</c>
/// (yyyy-MM-dd), and a <c>limit</c> for top lists.
/// </summary>
public sealed record ReportRequestBody(
    string? Type, string? Format, string? Date = null, string? From = null, string? To = null, string? Period = null,
    int? Limit = null);

/// <summary>One report, wrapped in <c>data</c> as every report answer is.</summary>
public sealed record ReportEnvelope(ReportResponse Data);

public sealed record ReportListResponse(IReadOnlyList<ReportResponse> Data);

/// <summary>The answer when the user already has the most reports waiting or being made.</summary>
public sealed record ReportLimitResponse(string Error, int ActiveCount);

/// <summary>A report as the API shows it: its request, its state and, once made, its file and link.</summary>
public sealed record ReportResponse(
    Guid Id,
    ReportType Type,
    ReportFormat Format,
    ReportStatus Status,
    string? Date,
    string? From,
    string? To,
    string? Period,
    int? Limit,
    int? TotalRecords,
    long? FileSizeBytes,
    string? FileName,
    string? Error,
    string? DownloadUrl,
    DateTimeOffset? DownloadUrlExpiresAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt)
{
    /// <summary>The report with a fresh download link when it is completed: every read issues a new one.</summary>
    public static ReportResponse Of(Report report, ReportLinks links, HttpRequest request)
    {
        var parameters = report.ReadParameters();
        var daily = report.Type == ReportType.DailyAnalytics;
        var link = report.Status == ReportStatus.Completed ? links.Create(report) : null;
        return new ReportResponse(
            report.Id, report.Type, report.Format, report.Status,
            daily ? Day(parameters.From) : null,
            daily ? null : Day(parameters.From),
            daily ? null : Day(parameters.To),
            parameters.Period,
            parameters.Limit,
            report.TotalRecords,
            report.FileSizeBytes,
            report.FileName,
            report.Error,
            link is null ? null : $"{request.Scheme}://{request.Host}{request.PathBase}{link.Url}",
            link?.ExpiresAt,
            Utc(report.StartedAt),
            Utc(report.CompletedAt),
            Utc(report.CreatedAt)!.Value);
    }

    private static string Day(DateOnly day) =>
        day.ToString(Periods.DateFormat, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t
        ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
