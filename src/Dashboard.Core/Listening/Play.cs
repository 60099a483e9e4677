namespace Dashboard.Core.Listening;

/// <summary>
/// One play of a track or an episode by one user, kept exactly as the source gave it. Short plays are
/// stored too: <see cref="PlayCountRule"/> decides at query time which ones count.
/// </summary>
public sealed class Play
{
    public long Id { get; set; }
    public int UserId { get; set; }

    /// <summary>
    /// UTC time the play <b>ended</b>, as both the export's <c>ts</c> and the API's <c>played_at</c>.
    /// </summary>
    public DateTime PlayedAt { get; set; }

    public int MsPlayed { get; set; }

    /// <summary>
    /// Whether the play counts under the user's play-count rule, kept current when the rule or the item's
    /// length changes, so every query filters on one indexed column.
    /// </summary>
    public bool Counted { get; set; }

    public ContentType ContentType { get; set; }

    /// <summary>Set for music; exactly one of <see cref="TrackId"/> and <see cref="EpisodeId"/> is set.</summary>
    public int? TrackId { get; set; }
    public Track? Track { get; set; }

    public int? EpisodeId { get; set; }
    public Episode? Episode { get; set; }

    public PlaySource Source { get; set; }

    /// <summary>The import that brought this play, when it came from the export.</summary>
    public int? ImportId { get; set; }

    public string? Platform { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country of the connection (<c>conn_country</c>).</summary>
    public string? Country { get; set; }

    public string? ReasonStart { get; set; }
    public string? ReasonEnd { get; set; }
    public bool? Shuffle { get; set; }
    public bool? Skipped { get; set; }
    public bool? Offline { get; set; }
    public DateTime? OfflineAt { get; set; }
    public bool? Incognito { get; set; }
    public string? ContextUri { get; set; }

    /// <summary>
    /// A skip: Spotify says so, or, in exports without the flag, the play ended on the forward button.
    /// </summary>
    public static bool IsSkip(bool? skipped, string? reasonEnd) => skipped ?? reasonEnd == "fwdbtn";

    // The play's end in the user's time zone, precomputed so that day, hour and weekday figures are
    // plain indexed columns. Recomputed when the user changes zone.

    public DateOnly LocalDate { get; set; }

    /// <summary>0-23.</summary>
    public byte LocalHour { get; set; }

    /// <summary>ISO weekday: 1 = Monday ... 7 = Sunday.</summary>
    public byte LocalWeekday { get; set; }
}
