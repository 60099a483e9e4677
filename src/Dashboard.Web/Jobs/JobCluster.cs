using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Whether the jobs live in a store that several app instances share (PostgreSQL) or in this process alone
/// (SQLite's in-memory store). Start-up recovery differs: alone, the app settles whatever the last run left
/// unfinished; in a cluster, another instance may be running that work right now, and Quartz itself hands the
/// jobs of an instance that died to one that lives (<see cref="Quartz.IJobExecutionContext.Recovering"/>).
/// </summary>
public sealed record JobCluster(bool IsClustered);

/// <summary>How quickly the instances of a cluster notice that one of them died.</summary>
public sealed class JobClusterOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// This instance's name in the cluster, as the job store's tables and logs show it (for example the host
    /// name). Defaults to one generated from the host name and the start time.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>How often each instance records in the database that it is alive. Defaults to 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How late past its check-in an instance may be before the others take its running jobs over and run them
    /// again. Defaults to 20 seconds: long enough that a busy instance is not taken for dead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);
}
