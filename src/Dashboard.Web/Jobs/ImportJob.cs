using Dashboard.Core.Import;
using Quartz;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Runs one import. One job for all imports with concurrent execution disallowed: SQLite has one writer,
/// so imports queue up and run one after another.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ImportJob(ImportService imports, IHostApplicationLifetime lifetime) : IJob
{
    public static readonly JobKey Key = new("import", "imports");
    public const string ImportIdKey = "importId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await imports.RunAsync(context.MergedJobDataMap.GetInt(ImportIdKey), cancellationToken, lifetime.ApplicationStopping);
}
