using Dashboard.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Sync;

/// <summary>A sync run changed: a step started or ended, or the run ended.</summary>
public sealed record SyncUpdate(long RunId, int UserId, SyncStatus Status, string? Step);

/// <summary>Hands sync progress from the job to open pages (the Sync jobs page), per user.</summary>
public sealed class SyncNotifier(ILogger<SyncNotifier> logger, ClusterChannel cluster)
    : UserNotifier<SyncUpdate>(logger, cluster)
{
    protected override int UserOf(SyncUpdate update) => update.UserId;
}
