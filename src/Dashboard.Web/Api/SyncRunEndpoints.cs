using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dashboard.Core.Sync;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;

namespace Dashboard.Web.Api;

/// <summary>The user's sync runs: list, figures, and a sync on demand.</summary>
public static class SyncRunEndpoints
{
    public static IEndpointRouteBuilder MapSyncRunEndpoints(this IEndpointRouteBuilder app)
    {
        var syncRuns = app.MapGroup("/api/v1/sync-jobs").RequireAuthorization().WithTags("Sync jobs");

        syncRuns.MapGet("",
            async (PageParameters paging, SyncRunParameters parameters, HttpContext context, SyncRuns runs,
            CancellationToken cancellationToken) =>
        {
            var page = await runs.GetPageAsync(context.User.UserId()!.Value, parameters.Query(paging.Page),
                cancellationToken);
            return Results.Ok(
                new SyncRunPageResponse([.. page.Items.Select(SyncRunResponse.From)], page.Total, page.Page,
                    page.PageSize, page.Pages));
        }).WithSummary("Your sync runs with their steps, newest first.").Produces<SyncRunPageResponse>();

        syncRuns.MapGet("/stats",
            async (HttpContext context, SyncRuns runs, SyncSchedule schedule, CancellationToken cancellationToken) =>
        {
            var userId = context.User.UserId()!.Value;
            var stats = await runs.GetStatsAsync(userId, cancellationToken);
            return Results.Ok(
                new SyncRunStatsResponse(stats.Total, stats.Completed, stats.Failed, stats.Running, stats.Rescheduled,
                stats.ItemsSynced, stats.LastSuccessAt, await schedule.NextScheduledAsync(userId, cancellationToken)));
        }).WithSummary(
            "Your sync runs counted by how they ended, the plays they added, " +
            "the last one that completed and when the next is due.")
            .Produces<SyncRunStatsResponse>();

        syncRuns.MapPost("/trigger",
            async (HttpContext context, SyncSchedule schedule, TimeProvider clock,
                CancellationToken cancellationToken) =>
        {
            var userId = context.User.UserId()!.Value;
            switch (await schedule.StartNowAsync(userId, SyncTrigger.Manual, cancellationToken))
            {
                case SyncStart.Started:
                    return Results.Json(new SyncTriggerResponse("started", "Sync job started"),
                        statusCode: StatusCodes.Status202Accepted);
                case SyncStart.AlreadyRunning:
                    return Results.Json(
                        new SyncAlreadyRunningResponse("already_running", "A sync is already running",
                            "A sync is already running"),
                        statusCode: StatusCodes.Status409Conflict);
                case SyncStart.Paused:
                    var until = await schedule.PausedUntilAsync(userId, cancellationToken) ?? clock.GetUtcNow();
                    var message = $"Spotify asked the app to wait: syncing resumes by itself at {until:u}.";
                    context.Response.Headers.RetryAfter =
                        Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds))
                            .ToString(CultureInfo.InvariantCulture);
                    return Results.Json(new SyncPausedResponse("paused", message, message, until),
                        statusCode: StatusCodes.Status409Conflict);
                default:
                    return ApiResults.Status(StatusCodes.Status403Forbidden,
                        "Spotify no longer accepts your sign-in, so syncing has stopped. " +
                        "Sign in with Spotify again to resume.");
            }
        }).RequireAntiforgeryForCookies()
            .WithSummary(
                "Starts a sync now, unless one is running or Spotify asked the app to wait. " +
                "Needs the page's antiforgery token with a cookie session.")
            .Produces<SyncTriggerResponse>(StatusCodes.Status202Accepted)
            .Produces<SyncAlreadyRunningResponse>(StatusCodes.Status409Conflict)
            .Produces<SyncPausedResponse>(StatusCodes.Status409Conflict)
            .ProducesDetail(StatusCodes.Status403Forbidden);

        return app;
    }
}

/// <summary>Which sync runs a page lists, beside the page.</summary>
public sealed record SyncRunParameters : QueryParameters<SyncRunParameters>, IValidatableObject
{
    [Description("How many runs per page.")]
    [Range(1, SyncRuns.MaxPageSize)]
    public int Limit { get; init; } = 20;

    [Description("Only runs in this state.")]
    public SyncStatus? Status { get; init; }

    [Description("Only runs started this way.")]
    public SyncTrigger? JobType { get; init; }

    [Description("First local day.")]
    public DateOnly? From { get; init; }

    [Description("Last local day.")]
    public DateOnly? To { get; init; }

    public SyncRunQuery Query(int page) => new(page, Limit, Status, JobType, From, To);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From > To)
        {
            yield return new ValidationResult("to must not be before from", [nameof(To)]);
        }
    }
}

public sealed record SyncRunPageResponse(IReadOnlyList<SyncRunResponse> Items, int Total, int Page, int Limit,
    int Pages);

/// <summary>Runs counted by how they ended; <c>total_items_synced</c> counts the plays every run added.</summary>
public sealed record SyncRunStatsResponse(
    int TotalJobs,
    int Completed,
    int Failed,
    int Running,
    int Rescheduled,
    long TotalItemsSynced,
    DateTime? LastSyncAt,
    DateTimeOffset? NextSyncAt);

public sealed record SyncTriggerResponse(string Status, string Message);

/// <summary>
/// A sync is running already: a <c>message</c> as a started sync has, a <c>detail</c> as errors have.
/// </summary>
public sealed record SyncAlreadyRunningResponse(string Status, string Message, string Detail);

/// <summary>
/// Spotify asked the app to wait (a long <c>Retry-After</c>): no sync calls it before <c>retry_at</c>.
/// </summary>
public sealed record SyncPausedResponse(string Status, string Message, string Detail, DateTimeOffset RetryAt);

/// <summary>
/// A sync run as the API shows it. A sync cannot know beforehand how many plays it will find, so <c>items_total</c>
/// is null while it runs and the plays it added once it has ended.
/// </summary>
public sealed record SyncRunResponse(
    string Id,
    SyncTrigger JobType,
    SyncStatus Status,
    int ItemsProcessed,
    int? ItemsTotal,
    string? ErrorMessage,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    DateTime CreatedAt,
    long? DurationMs,
    IReadOnlyList<SyncRunStepResponse> Steps)
{
    public static SyncRunResponse From(SyncRunSummary run) => new(
        run.Id.ToString(CultureInfo.InvariantCulture), run.Trigger, run.Status, run.ItemsSynced,
        run.Status is SyncStatus.Pending or SyncStatus.Running ? null : run.ItemsSynced, run.Error, run.StartedAt,
        run.CompletedAt,
        run.CreatedAt, Milliseconds(run.Duration),
        run.Steps.Select(s =>
        new SyncRunStepResponse(s.Name, s.Status, s.Details, s.ItemsProcessed, s.Error, s.StartedAt, s.CompletedAt,
            Milliseconds(s.Duration))).ToList());

    private static long? Milliseconds(TimeSpan? span) => span is { } value ? (long)value.TotalMilliseconds : null;
}

public sealed record SyncRunStepResponse(
    string Action,
    SyncStatus Status,
    string? Detail,
    int Items,
    string? Error,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    long? DurationMs);
