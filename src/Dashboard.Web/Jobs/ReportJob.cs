using Dashboard.Core.Reports;
using Quartz;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Makes one report. Reports only read the listening data, so several may run at once; Quartz's thread pool
/// bounds how many.
/// </summary>
public sealed class ReportJob(ReportService reports, IHostApplicationLifetime lifetime) : IJob
{
    public static readonly JobKey Key = new("report", "reports");
    public const string ReportIdKey = "reportId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Stopping the app stops the report, which goes back to pending and starts over after the restart.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken,
            lifetime.ApplicationStopping);
        var reportId = Guid.Parse(context.MergedJobDataMap.GetString(ReportIdKey)!);
        if (context.Recovering)
        {
            // The instance making it died; this one starts it over.
            await reports.ReclaimAsync(reportId, stop.Token);
        }
        await reports.RunAsync(reportId, stop.Token);
    }
}

/// <summary>Queues reports for <see cref="ReportJob"/>, and again after a restart.</summary>
public class ReportJobs(JobQueue queue, ReportService reports)
{
    public virtual Task ScheduleAsync(Guid reportId, CancellationToken cancellationToken) =>
        queue.ScheduleNowAsync(ReportJob.Key, new TriggerKey($"report-{reportId:N}", "reports"),
            new Dictionary<string, object> { [ReportJob.ReportIdKey] = reportId.ToString() }, Queueing.Add,
            cancellationToken);

    /// <summary>
    /// With the in-memory job store, triggers do not survive a restart: what was pending is queued again.
    /// </summary>
    public async Task ResumePendingAsync(CancellationToken cancellationToken) =>
        await JobQueue.ResumeAsync(await reports.ResumableAsync(cancellationToken), ScheduleAsync, cancellationToken);
}
