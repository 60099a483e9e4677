using Dashboard.Core.Analytics;
using Dashboard.Core.Data;
using Dashboard.Core.Notifications;
using Dashboard.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Reports;

/// <summary>A report changed status; pages showing the owner's reports refresh.</summary>
public sealed record ReportUpdate(Guid ReportId, int UserId, ReportStatus Status);

public sealed class ReportNotifier(ILogger<ReportNotifier> logger, ClusterChannel cluster)
    : UserNotifier<ReportUpdate>(logger, cluster)
{
    protected override int UserOf(ReportUpdate update) => update.UserId;
}

/// <summary>What came of asking for a report.</summary>
public abstract record ReportRequestOutcome
{
    /// <summary>Accepted and pending: the caller schedules it.</summary>
    public sealed record Accepted(Report Report) : ReportRequestOutcome;

    public sealed record Invalid(ReportFieldError Error) : ReportRequestOutcome;

    /// <summary>The user already has the most active reports allowed.</summary>
    public sealed record TooManyActive(int ActiveCount, int Limit) : ReportRequestOutcome;
}

public enum DeleteOutcome
{
    Deleted,
    NotFound,

    /// <summary>It is being made right now; it can be deleted once it is done.</summary>
    Processing,
}

/// <summary>A completed report's file, ready to send.</summary>
public sealed record ReportFile(string Path, string FileName, string ContentType);

/// <summary>
/// Reports from request to file: checks a request, keeps the per-user limit of active reports, makes the file
/// (written aside and moved into place, so a crash never leaves half a file behind a "completed" report),
/// and lists, retries and deletes a user's own reports. Scheduling is the caller's: see <c>ReportJobs</c>.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    IOptions<ReportOptions> options,
    DataFolder dataFolder,
    ReportNotifier notifier,
    DailyAnalyticsReport dailyAnalytics,
    ListeningHistoryReport listeningHistory,
    TopListsReport topLists,
    PeriodSummaryReport periodSummary,
    ReportLinks links,
    ILogger<ReportService> logger)
{
    private readonly string _folder = Path.GetFullPath(options.Value.Folder, dataFolder.Path);

    public int MaxActive => options.Value.MaxActive;

    public async Task<ReportRequestOutcome> RequestAsync(int userId, ReportRequest request,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        if (!ReportRequests.TryValidate(request, user.Today(clock), out var valid, out var error))
        {
            return new ReportRequestOutcome.Invalid(error!);
        }
        var range = await user.ResolveAsync(db, valid!.Selection, clock, cancellationToken);
        var parameters = new ReportParameters(range.From, range.To,
            valid.Type == ReportType.DailyAnalytics ? null : valid.Selection.Period.Key(), valid.Limit);

        var report = new Report
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Type = valid.Type,
            Format = valid.Format,
            Parameters = parameters.ToJson(),
            Status = ReportStatus.Pending,
            FileName = ReportKinds.FileName(valid.Type, valid.Format, parameters),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync(cancellationToken);

        // Counted after adding, so two requests at once cannot both take the last place.
        var active = await ActiveCountAsync(db, userId, cancellationToken);
        if (active > MaxActive)
        {
            db.Reports.Remove(report);
            await db.SaveChangesAsync(CancellationToken.None);
            return new ReportRequestOutcome.TooManyActive(active - 1, MaxActive);
        }
        await notifier.PublishAsync(new ReportUpdate(report.Id, userId, report.Status));
        return new ReportRequestOutcome.Accepted(report);
    }

    public async Task<IReadOnlyList<Report>> ListAsync(int userId, CancellationToken cancellationToken, int limit = 100)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Reports.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<int> ActiveCountAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ActiveCountAsync(db, userId, cancellationToken);
    }

    /// <summary>The user's own report; null for anyone else's, so that a stranger learns nothing of it.</summary>
    public async Task<Report?> GetAsync(int userId, Guid reportId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Reports.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == reportId && r.UserId == userId, cancellationToken);
    }

    /// <summary>
    /// The file of a completed report of this user's; null when there is none (or it has gone from the disk).
    /// </summary>
    public async Task<ReportFile?> FileAsync(int userId, Guid reportId, CancellationToken cancellationToken)
    {
        var report = await GetAsync(userId, reportId, cancellationToken);
        if (report is not { Status: ReportStatus.Completed, FilePath: { } relative })
        {
            return null;
        }
        var path = Path.Combine(_folder, relative);
        if (!File.Exists(path))
        {
            logger.LogWarning("The file of report {ReportId} is missing at {Path}", reportId, path);
            return null;
        }
        return new ReportFile(path, report.FileName ?? Path.GetFileName(path), report.Format.ContentType());
    }

    /// <summary>
    /// A download link made now for this user's completed report, so that a page left open longer than a link lives
    /// still downloads; null when the report is not theirs, not completed, or gone.
    /// </summary>
    public async Task<ReportLink?> LinkAsync(int userId, Guid reportId, CancellationToken cancellationToken) =>
        await GetAsync(userId, reportId, cancellationToken) is { Status: ReportStatus.Completed } report
            ? links.Create(report) : null;

    /// <summary>Makes a failed report pending again. Null when there is no such failed report of this user's.</summary>
    public async Task<ReportRequestOutcome?> RetryAsync(int userId, Guid reportId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == reportId && r.UserId == userId
            && r.Status == ReportStatus.Failed,
            cancellationToken);
        if (report is null)
        {
            return null;
        }
        var active = await ActiveCountAsync(db, userId, cancellationToken);
        if (active >= MaxActive)
        {
            return new ReportRequestOutcome.TooManyActive(active, MaxActive);
        }
        report.Status = ReportStatus.Pending;
        report.Error = null;
        report.StartedAt = null;
        report.CompletedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new ReportUpdate(report.Id, userId, report.Status));
        return new ReportRequestOutcome.Accepted(report);
    }

    /// <summary>
    /// Deletes the report and its file. One being made is left alone: deleting it would race the writer.
    /// </summary>
    public async Task<DeleteOutcome> DeleteAsync(int userId, Guid reportId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Reports.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == reportId && r.UserId == userId, cancellationToken);
        if (report is null)
        {
            return DeleteOutcome.NotFound;
        }
        // Conditional, so a report the job picked up a moment ago is not deleted under it.
        var deleted = await db.Reports.Where(r => r.Id == reportId && r.Status != ReportStatus.Processing)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return DeleteOutcome.Processing;
        }
        if (report.FilePath is { } relative)
        {
            DeleteFile(Path.Combine(_folder, relative));
        }
        await notifier.PublishAsync(new ReportUpdate(report.Id, userId, report.Status));
        return DeleteOutcome.Deleted;
    }

    /// <summary>
    /// Makes a pending report. Anything but a stop of the app ends in <c>completed</c> or <c>failed</c> with the
    /// reason; a stop puts the report back to pending, for <see cref="ResumableAsync"/> after the restart.
    /// </summary>
    public async Task RunAsync(Guid reportId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // Conditional, so a report deleted or already taken is not made twice.
        var taken = await db.Reports.Where(r => r.Id == reportId && r.Status == ReportStatus.Pending)
            .ExecuteUpdateAsync(set =>
                set.SetProperty(r => r.Status, ReportStatus.Processing).SetProperty(r => r.StartedAt, now),
                cancellationToken);
        if (taken == 0)
        {
            return;
        }
        var report = await db.Reports.SingleAsync(r => r.Id == reportId, cancellationToken);
        await notifier.PublishAsync(new ReportUpdate(report.Id, report.UserId, report.Status));

        var relative = Path.Combine(report.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{report.Id:N}.{report.Format.Key()}");
        var path = Path.Combine(_folder, relative);
        var partial = path + ".part";
        try
        {
            var context = await ContextAsync(db, report, cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            int records;
            await using (
                var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024,
                    useAsync: true))
            {
                records = await GenerateAsync(context, file, cancellationToken);
            }
            File.Move(partial, path, overwrite: true);

            report.Status = ReportStatus.Completed;
            report.TotalRecords = records;
            report.FileSizeBytes = new FileInfo(path).Length;
            report.FilePath = relative;
            report.CompletedAt = clock.GetUtcNow().UtcDateTime;
            logger.LogInformation("Report {ReportId} ({Type}) completed: {Records} records, {Bytes} bytes", report.Id,
                report.Type,
                records, report.FileSizeBytes);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            DeleteFile(partial);
            report.Status = ReportStatus.Pending;
            report.StartedAt = null;
            logger.LogInformation("Report {ReportId} was stopped with the app; it starts again after the restart",
                report.Id);
        }
        catch (Exception e)
        {
            DeleteFile(partial);
            logger.LogError(e, "Report {ReportId} ({Type}) failed", report.Id, report.Type);
            report.Status = ReportStatus.Failed;
            report.Error = e switch
            {
                IOException =>
                    $"The report could not be written to disk ({e.Message}). " +
                    "Free some space or check the reports folder, then retry.",
                _ => "The report could not be made because of an error on our side. Retry it; if it fails again, " +
                    "the app's log says why.",
            };
            report.CompletedAt = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        if (report.Status is ReportStatus.Completed or ReportStatus.Failed)
        {
            DashboardMetrics.ReportEnded(report.Type, report.Status);
        }
        await notifier.PublishAsync(new ReportUpdate(report.Id, report.UserId, report.Status));
    }

    /// <summary>
    /// After a restart: reports that were being made start over, and every pending report is returned, oldest
    /// first, to be scheduled again.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ResumableAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Reports.Where(r => r.Status == ReportStatus.Processing)
            .ExecuteUpdateAsync(set =>
                set.SetProperty(r => r.Status, ReportStatus.Pending).SetProperty(r => r.StartedAt, (DateTime?)null),
                cancellationToken);
        return await db.Reports.Where(r => r.Status == ReportStatus.Pending)
            .OrderBy(r => r.CreatedAt).Select(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A report whose instance died while making it (a clustered job store hands the job to another instance): it
    /// goes back to pending, so <see cref="RunAsync"/> makes it from the start.
    /// </summary>
    public async Task ReclaimAsync(Guid reportId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Reports.Where(r => r.Id == reportId && r.Status == ReportStatus.Processing)
            .ExecuteUpdateAsync(set =>
                set.SetProperty(r => r.Status, ReportStatus.Pending).SetProperty(r => r.StartedAt, (DateTime?)null),
                cancellationToken);
    }

    /// <summary>
    /// Deletes a file if it is there; a file that cannot be deleted is logged, not thrown, as the report's fate is
    /// already settled.
    /// </summary>
    private void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not delete the report file {Path}", path);
        }
    }

    private static Task<int> ActiveCountAsync(DashboardDbContext db, int userId, CancellationToken cancellationToken) =>
        db.Reports.CountAsync(r => r.UserId == userId
            && (r.Status == ReportStatus.Pending || r.Status == ReportStatus.Processing),
            cancellationToken);

    private async Task<ReportContext> ContextAsync(DashboardDbContext db, Report report,
        CancellationToken cancellationToken)
    {
        var user = await QueryUser.LoadAsync(db, report.UserId, cancellationToken);
        var account = await db.Users.AsNoTracking().Where(u => u.Id == report.UserId)
            .Select(u => new { u.DisplayName, u.SpotifyId })
            .SingleAsync(cancellationToken);
        return new ReportContext(report, report.ReadParameters(), user, account.DisplayName, account.SpotifyId,
            clock.GetUtcNow());
    }

    private Task<int> GenerateAsync(ReportContext context, Stream output, CancellationToken cancellationToken) =>
        context.Report.Type switch
    {
        ReportType.DailyAnalytics => dailyAnalytics.WriteAsync(context, output, cancellationToken),
        ReportType.ListeningHistory => listeningHistory.WriteAsync(context, output, cancellationToken),
        ReportType.TopLists => topLists.WriteAsync(context, output, cancellationToken),
        ReportType.PeriodSummary => periodSummary.WriteAsync(context, output, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(context), context.Report.Type, "Unknown report type."),
    };
}
