using Dashboard.Web.Jobs;
using Quartz;

namespace Dashboard.Web.Hosting;

public static class JobsExtensions
{
    /// <summary>Quartz with the app's background jobs; each job is a thin adapter over one Core service.</summary>
    public static IServiceCollection AddDashboardJobs(this IServiceCollection services)
    {
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<ImportJob>(job => job.WithIdentity(ImportJob.Key).StoreDurably());
            quartz.AddJob<SettingsJob>(job => job.WithIdentity(SettingsJob.Key).StoreDurably());
            quartz.AddJob<SyncJob>(job => job.WithIdentity(SyncJob.Key).StoreDurably());
            quartz.AddJob<ReportJob>(job => job.WithIdentity(ReportJob.Key).StoreDurably());
            quartz.AddJob<RollupBuildJob>(job => job.WithIdentity(RollupBuildJob.Key).StoreDurably());
        });
        // On shutdown running jobs are told to stop (they roll back) and the host waits for them to.
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        // Registered explicitly so start-up validation reaches the jobs' constructors.
        services.AddTransient<ImportJob>();
        services.AddSingleton<ImportJobs>();
        services.AddTransient<SettingsJob>();
        services.AddSingleton<SettingsChanges>();
        services.AddTransient<SyncJob>();
        services.AddSingleton<SyncSchedule>();
        services.AddTransient<ReportJob>();
        services.AddSingleton<ReportJobs>();
        services.AddTransient<RollupBuildJob>();
        services.AddSingleton<RollupBuilds>();
        return services;
    }
}
