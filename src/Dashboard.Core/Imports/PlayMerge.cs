using Dashboard.Core.Listening;

namespace Dashboard.Core.Imports;

/// <summary>
/// A play from API sync or account data as it was before an import merged its exact record into it (the export's
/// time, length and details replace the ones stored): kept so that undoing the import gives the play back as it was.
/// The play's item and context are not kept, as a merge never changes them; its local day and hour, and whether it
/// counts, are worked out again when it comes back, in the listener's zone and rule of that day.
/// </summary>
public sealed class PlayMerge
{
    public long PlayId { get; set; }

    /// <summary>The import that merged its record into the play.</summary>
    public int ImportId { get; set; }

    public DateTime PlayedAt { get; set; }
    public int MsPlayed { get; set; }
    public ContentType ContentType { get; set; }
    public PlaySource Source { get; set; }

    /// <summary>The import the play came from before (account data), null for a synced play.</summary>
    public int? PreviousImportId { get; set; }

    public string? Platform { get; set; }
    public string? Country { get; set; }
    public string? ReasonStart { get; set; }
    public string? ReasonEnd { get; set; }
    public bool? Shuffle { get; set; }
    public bool? Skipped { get; set; }
    public bool? Offline { get; set; }
    public DateTime? OfflineAt { get; set; }
    public bool? Incognito { get; set; }
}
