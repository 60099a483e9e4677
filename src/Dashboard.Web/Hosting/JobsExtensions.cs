using Dashboard.Core.Data;
using Dashboard.Web.Jobs;
using Quartz;

namespace Dashboard.Web.Hosting;

public static class JobsExtensions
{
    /// <summary>Quartz with the app's background jobs; each job is a thin adapter over one Core service.</summary>
    /// <param name="configuration">
    /// Read here, not later: the job store is chosen while the services are composed. With SQLite the jobs live in
    /// memory (one machine, one instance); with PostgreSQL in the database, clustered, so several instances share
    /// them and each job runs once.
    /// </param>
    public static IServiceCollection AddDashboardJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()
            ?? new DatabaseOptions();
        var cluster = configuration.GetSection(JobClusterOptions.SectionName).Get<JobClusterOptions>()
            ?? new JobClusterOptions();
        var clustered = database.Provider == DatabaseProvider.Postgres;
        services.AddOptions<JobClusterOptions>().BindConfiguration(JobClusterOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new JobCluster(clustered));

        services.AddQuartz(quartz =>
        {
            if (clustered)
            {
                // The tables come with the database migrations (Dashboard.Migrations.Postgres, QuartzJobStore).
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(database.ConnectionString!);
                    store.ConfigureStore(options => options.TablePrefix = "qrtz_");
                    store.UseSystemTextJsonSerializer(_ => { });
                    // Which instance ran what, and whether it succeeded: qrtz_execution_history.
                    store.UseExecutionHistory();
                    // Clustering also gives each instance an id of its own in the cluster.
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = cluster.CheckinInterval;
                        c.CheckinMisfireThreshold = cluster.CheckinMisfireThreshold;
                    });
                });
                if (cluster.InstanceId is { Length: > 0 } instanceId)
                {
                    quartz.ConfigureScheduler(scheduler => scheduler.InstanceId = instanceId);
                }
            }
            // RequestRecovery: a job whose instance died mid-run is run again by another instance.
            quartz.AddJob<ImportJob>(job => job.WithIdentity(ImportJob.Key).StoreDurably().RequestRecovery());
            quartz.AddJob<SettingsJob>(job => job.WithIdentity(SettingsJob.Key).StoreDurably().RequestRecovery());
            quartz.AddJob<SyncJob>(job => job.WithIdentity(SyncJob.Key).StoreDurably().RequestRecovery());
            quartz.AddJob<ReportJob>(job => job.WithIdentity(ReportJob.Key).StoreDurably().RequestRecovery());
            quartz.AddJob<RollupBuildJob>(job => job.WithIdentity(RollupBuildJob.Key).StoreDurably().RequestRecovery());
        });
        // On shutdown running jobs are told to stop (they roll back) and the host waits for them to.
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        // Registered explicitly so start-up validation reaches the jobs' constructors.
        services.AddTransient<ImportJob>();
        services.AddSingleton<JobQueue>();
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
