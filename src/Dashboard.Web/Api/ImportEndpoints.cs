using System.Runtime.CompilerServices;
using Dashboard.Core.Imports;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Web.Api;

/// <summary>The import as a background job: upload, status, history, cancel.</summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var history = app.MapGroup("/api/v1/history").RequireAuthorization().WithTags("Import");

        // The body is streamed to disk as it arrives (never buffered whole); the antiforgery token comes in a
        // header, checked before the body is read.
        history.MapPost("/import", UploadAsync).RequireAntiforgeryForCookies()
            .WithSummary(
                "Imports a Spotify data export in the background: upload its JSON files (or the zip); " +
                "poll the job it answers with.")
            .AcceptsFiles("The export's files (its JSON files or the zip), in one or more 'file' fields.")
            .Produces<ImportAcceptedResponse>(StatusCodes.Status202Accepted)
            .ProducesDetail(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationErrors()
            .DisableRequestTimeout()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute());

        history.MapGet("/imports",
            async (HttpContext context, ImportService imports, ImportNotifier notifier,
                CancellationToken cancellationToken) =>
                Results.Ok(new ImportListResponse(
                    [.. (await imports.ListAsync(context.User.UserId()!.Value, cancellationToken))
                    .Select(i => ImportJobResponse.From(i, notifier))])))
            .WithSummary("Your imports, newest first.")
            .Produces<ImportListResponse>();

        history.MapGet("/import/{jobId:int}",
            async (int jobId, HttpContext context, ImportService imports, ImportNotifier notifier,
                CancellationToken cancellationToken) =>
                await imports.GetAsync(context.User.UserId()!.Value, jobId, cancellationToken) is { } import
                    ? Results.Ok(ImportJobResponse.From(import, notifier))
                    : ApiResults.NotFound("Import not found"))
            .WithSummary("One import: its state, counts so far and outcome.")
            .Produces<ImportJobResponse>()
            .ProducesDetail(StatusCodes.Status404NotFound);

        history.MapPost("/import/{jobId:int}/cancel",
            async (int jobId, HttpContext context, ImportJobs jobs, CancellationToken cancellationToken) =>
                await jobs.CancelAsync(context.User.UserId()!.Value, jobId, cancellationToken) switch
                {
                    CancelOutcome.NotFound => ApiResults.NotFound("Import not found"),
                    CancelOutcome.AlreadyEnded =>
                        ApiResults.Status(StatusCodes.Status409Conflict, "The import has already ended"),
                    _ => Results.Ok(
                        new ImportCancelResponse(jobId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            "cancelling")),
                })
            .RequireAntiforgeryForCookies()
            .WithSummary(
                "Stops an import that is waiting or running; what it wrote is taken out again. " +
                "Needs the page's antiforgery token with a cookie session.")
            .Produces<ImportCancelResponse>()
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        // An undo answers once its plays are gone, which for a lifetime's export takes longer than the default limit.
        history.MapDelete("/imports/{jobId:int}", async (int jobId, HttpContext context, ImportUndo undo,
                CancellationToken cancellationToken) =>
                await undo.UndoAsync(context.User.UserId()!.Value, jobId, cancellationToken) switch
                {
                    ImportUndoOutcome.Undone(var removed) => Results.Ok(ImportUndoResponse.Of(removed)),
                    ImportUndoOutcome.Refused(var reason) => ApiResults.Status(StatusCodes.Status409Conflict, reason),
                    _ => ApiResults.NotFound("Import not found"),
                })
            .WithSummary("Undoes a completed import: the plays it added are deleted, those it only merged with " +
                         "synced plays stay as synced plays, and every figure follows. It stays listed as removed.")
            .Produces<ImportUndoResponse>()
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithRequestTimeout(Platform.RequestTimeLimitOptions.LongPolicy);

        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, ImportService imports, ImportJobs jobs,
        IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return ApiResults.Unprocessable(["body", "file"],
                "Send the export's files as multipart/form-data, in one or more 'file' fields.",
                "value_error.multipart");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // A little over the files' limit, for the multipart framing; the files themselves are counted exactly.
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes + 1024 * 1024;
        }

        try
        {
            var files = Files(new MultipartReader(boundary, context.Request.Body), cancellationToken);
            var import = await imports.CreateAsync(context.User.UserId()!.Value, files, cancellationToken);
            await jobs.ScheduleAsync(import.Id, cancellationToken);
            var jobId = import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Accepted($"/api/v1/history/import/{jobId}",
                new ImportAcceptedResponse(jobId, "pending", 0, import.RecordsTotal));
        }
        catch (ImportTooLargeException e)
        {
            return ApiResults.Status(StatusCodes.Status413PayloadTooLarge, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiResults.Status(StatusCodes.Status413PayloadTooLarge,
                "The upload is larger than the limit. Nothing was kept.");
        }
        catch (ImportFileException e)
        {
            return ApiResults.Unprocessable(["body", "file"], e.Message, "value_error.import");
        }
    }

    private static async IAsyncEnumerable<IncomingFile> Files(MultipartReader reader,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            // A file sent with an empty name (filename="") is a file all the same: imported as an unnamed file, not
            // left out.
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && (disposition.IsFileDisposition() || disposition.FileName.HasValue))
            {
                var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value
                    : disposition.FileName.Value;
                yield return new IncomingFile(HeaderUtilities.RemoveQuotes(name).Value ?? "upload", section.Body);
            }
        }
    }
}

/// <summary>An upload taken: the job to poll at <c>/api/v1/history/import/{job_id}</c>.</summary>
public sealed record ImportAcceptedResponse(string JobId, string Status, int ItemsProcessed, int ItemsTotal);

public sealed record ImportListResponse(IReadOnlyList<ImportJobResponse> Items);

/// <summary>
/// An import undone: <c>plays_removed</c> plays it added were deleted, from <c>first_day</c> to <c>last_day</c> (local
/// days, null when it had added none), and <c>plays_restored</c> synced plays it had merged with are as they were.
/// </summary>
public sealed record ImportUndoResponse(string JobId, string Status, int PlaysRemoved, int PlaysRestored,
    DateOnly? FirstDay, DateOnly? LastDay)
{
    public static ImportUndoResponse Of(ImportUndoPreview removed) => new(
        removed.ImportId.ToString(System.Globalization.CultureInfo.InvariantCulture), "removed", removed.Plays,
        removed.MergedPlays, removed.FirstDay, removed.LastDay);
}

/// <summary>A cancel taken: the job stops at its next batch.</summary>
public sealed record ImportCancelResponse(string JobId, string Status);

/// <summary>An import job as the API shows it.</summary>
public sealed record ImportJobResponse(
    string JobId,
    string Status,
    int ItemsProcessed,
    int ItemsTotal,
    int Inserted,
    int Duplicates,
    int Merged,
    int Skipped,
    IReadOnlyDictionary<string, int> SkippedReasons,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> IgnoredFiles,
    DateTime? FirstPlayedAt,
    DateTime? LastPlayedAt,
    string? Error,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    DateTime? RemovedAt)
{
    public static ImportJobResponse From(ImportSummary import, ImportNotifier notifier)
    {
        // While it runs, the live counts are in memory; the database has them once it ends, which it may say before the
        // notice of the end reaches this instance (across a cluster, a moment later): then the stored counts stand.
        var live = import.Status == ImportStatus.Running ? notifier.Running(import.Id) : null;
        return new ImportJobResponse(
            import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            import.Status.ToString().ToLowerInvariant(),
            live?.RecordsRead ?? import.RecordsRead,
            import.RecordsTotal,
            live?.Inserted ?? import.Inserted,
            live?.Duplicates ?? import.Duplicates,
            live?.Merged ?? import.Merged,
            live?.Skipped ?? import.Skipped,
            import.SkippedReasons,
            import.Files,
            import.IgnoredFiles,
            import.FirstPlayedAt,
            import.LastPlayedAt,
            import.Error,
            import.CreatedAt,
            import.StartedAt,
            import.CompletedAt,
            import.RemovedAt);
    }
}
