using Dashboard.Core.Listening;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// Says which plays count, by the listener's play-count rule: the figures count only those, the history lists every
/// play and marks the others. "Plays" on one page and the other differ by exactly this.
/// </summary>
public partial class PlayCountNote
{
    /// <summary>The listener's play-count rule.</summary>
    [Parameter, EditorRequired] public PlayCountRule Rule { get; set; }

    /// <summary>Whether the page lists every play (the history) rather than counting them. Defaults to false.</summary>
    [Parameter] public bool ListsEveryPlay { get; set; }

    private string Text => ListsEveryPlay
        ? $"Every play is listed, counted or not. Your play-count rule counts {Counted(Rule)}, as the Overview " +
            "and the other figures do; the others are marked not counted."
        : $"Plays are the ones your play-count rule counts: {Counted(Rule)}.";

    /// <summary>The plays a rule counts, as a phrase.</summary>
    public static string Counted(PlayCountRule rule) => rule switch
    {
        PlayCountRule.AtLeast30Seconds => "plays of at least 30 seconds",
        PlayCountRule.AtLeastHalf => "plays of at least half the track or episode (30 seconds while its length is " +
            "not known)",
        PlayCountRule.AllPlays => "every play, however short",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
