namespace Dashboard.Core.Listening;

/// <summary>When two records from different sources are the same play.</summary>
public static class PlayMatching
{
    /// <summary>The Web API and the export can disagree on a play's end by a few seconds.</summary>
    public static readonly TimeSpan SyncWindow = TimeSpan.FromSeconds(15);

    /// <summary>Account data gives minutes only: its record of a play is within this of the exact one.</summary>
    public static readonly TimeSpan MinuteWindow = TimeSpan.FromSeconds(90);
}
