namespace Dashboard.Core.Listening;

/// <summary>What kind of listening a play was.</summary>
public enum ContentType
{
    Music = 0,
    Podcast = 1,
    Audiobook = 2,

    /// <summary>A play from a <c>Streaming_History_Video_*.json</c> file (video podcasts, music videos).</summary>
    Video = 3,
}

/// <summary>Where a play came from.</summary>
public enum PlaySource
{
    /// <summary>The privacy export's "Extended streaming history": ids, second precision, every field.</summary>
    ExtendedHistory = 0,

    /// <summary>The Web API's recently played list.</summary>
    Sync = 1,

    /// <summary>The privacy export's one-year "account data": names only, minute precision.</summary>
    AccountData = 2,
}

/// <summary>How far a catalogue item has been looked up on the Web API.</summary>
public enum EnrichmentState
{
    /// <summary>Not looked up yet, or a look-up was refused (403/429) and will be retried.</summary>
    Pending = 0,
    Done = 1,

    /// <summary>Spotify answered 404: the item is gone from the catalogue.</summary>
    NotFound = 2,
}

public enum ShowKind
{
    Podcast = 0,
    Audiobook = 1,
}
