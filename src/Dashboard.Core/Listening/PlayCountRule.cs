namespace Dashboard.Core.Listening;

/// <summary>
/// Which plays count. Every play is stored; the rule is applied when querying, so a user can change it
/// and every figure follows.
/// </summary>
public enum PlayCountRule
{
    /// <summary>Every play heard counts, however short; a record of 0 ms was not heard, and never counts.</summary>
    AllPlays = 0,

    /// <summary>Plays of at least 30 seconds count (Spotify's own rule for a stream).</summary>
    AtLeast30Seconds = 1,

    /// <summary>Plays of at least half the item count; 30 seconds where the length is not known yet.</summary>
    AtLeastHalf = 2,
}
