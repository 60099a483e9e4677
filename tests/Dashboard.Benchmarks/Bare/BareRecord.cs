namespace Dashboard.Benchmarks.Bare;

/// <summary>
/// The fields of one export record that end up in the database, reused for every record. It reads what the
/// generator writes (tracks and podcast episodes with their ids, times in seconds); the importer's handling
/// of older formats, blanks and audiobooks is part of the extra work the bare path leaves out.
/// </summary>
internal sealed class BareRecord
{
    public DateTime? PlayedAt { get; set; }
    public long MsPlayed { get; set; }
    public string? Platform { get; set; }
    public string? Country { get; set; }
    public string? TrackName { get; set; }
    public string? ArtistName { get; set; }
    public string? AlbumName { get; set; }
    public string? TrackUri { get; set; }
    public string? EpisodeName { get; set; }
    public string? ShowName { get; set; }
    public string? EpisodeUri { get; set; }
    public string? ReasonStart { get; set; }
    public string? ReasonEnd { get; set; }
    public bool? Shuffle { get; set; }
    public bool? Skipped { get; set; }
    public bool? Offline { get; set; }
    public long? OfflineTimestamp { get; set; }
    public bool? Incognito { get; set; }

    public void Clear()
    {
        PlayedAt = null;
        MsPlayed = 0;
        Platform = Country = TrackName = ArtistName = AlbumName = TrackUri = null;
        EpisodeName = ShowName = EpisodeUri = ReasonStart = ReasonEnd = null;
        Shuffle = Skipped = Offline = Incognito = null;
        OfflineTimestamp = null;
    }
}
