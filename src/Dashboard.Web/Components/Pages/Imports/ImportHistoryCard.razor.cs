using Dashboard.Core.Formatting;
using Dashboard.Core.Imports;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Imports;

/// <summary>
/// The Imports page's list of the listener's imports, newest first, each with its counts; a completed one can be
/// undone, once a confirmation has said how many plays go and from which days.
/// </summary>
public partial class ImportHistoryCard : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private int? _undoing;
    private string? _error;

    /// <summary>The imports to list; null while they load.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ImportSummary>? Imports { get; set; }

    /// <summary>The signed-in listener whose imports these are.</summary>
    [Parameter, EditorRequired] public int UserId { get; set; }

    /// <summary>The listener's time zone, for the times shown.</summary>
    [Parameter, EditorRequired] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Called once an import was undone (or found changed), for the page to list the imports again.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    [Inject] private ImportUndo Undo { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<ImportHistoryCard> Logger { get; set; } = default!;

    /// <summary>What undoing an import removes, as its confirmation says it.</summary>
    public static string Confirmation(ImportUndoPreview preview)
    {
        var plays = preview switch
        {
            { Plays: 0 } => "It added no plays of its own.",
            { Plays: 1, FirstDay: { } day } => $"This deletes the 1 play it added, on {Figures.Day(day)}.",
            { FirstDay: { } first, LastDay: { } last } => $"This deletes the {Figures.Count(preview.Plays)} plays " +
                $"it added, from {Figures.Day(first)} to {Figures.Day(last)}.",
            _ => $"This deletes the {Figures.Count(preview.Plays)} plays it added.",
        };
        var merged = preview.MergedPlays switch
        {
            0 => "",
            1 => " The 1 play it merged with a synced play stays, as the synced play.",
            var count => $" The {Figures.Count(count)} plays it merged with synced plays stay, as synced plays.",
        };
        return $"{plays}{merged} Every figure, chart and session follows. This cannot be undone.";
    }

    private async Task UndoAsync(ImportSummary import)
    {
        _error = null;
        _undoing = import.Id;
        try
        {
            // Off the circuit's thread: SQLite's provider does its I/O synchronously, and an undo takes seconds.
            var token = _disposed.Token;
            switch (await Task.Run(() => Undo.PreviewAsync(UserId, import.Id, token), token))
            {
                case ImportUndoOutcome.Possible(var preview):
                    var confirmed = await Dialogs.ShowMessageBoxAsync("Undo this import?", Confirmation(preview),
                        yesText: preview.Plays == 1 ? "Delete 1 play" : $"Delete {Figures.Count(preview.Plays)} plays",
                        cancelText: "Keep them");
                    if (confirmed == true)
                    {
                        await ShowAsync(await Task.Run(() => Undo.UndoAsync(UserId, import.Id, token), token));
                    }
                    break;
                case var outcome:
                    await ShowAsync(outcome);
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Undoing import {ImportId} failed", import.Id);
            _error = "The import could not be undone just now; nothing was removed. Try again in a moment.";
        }
        finally
        {
            _undoing = null;
        }
    }

    private async Task ShowAsync(ImportUndoOutcome outcome)
    {
        switch (outcome)
        {
            case ImportUndoOutcome.Undone(var removed):
                Snackbar.Add($"Import undone: {Figures.Count(removed.Plays, "play")} deleted.", Severity.Success);
                break;
            case ImportUndoOutcome.Refused(var reason):
                _error = reason;
                break;
            default:
                _error = "This import no longer exists.";
                break;
        }
        await OnChanged.InvokeAsync();
    }

    private string UndoLabel(ImportSummary import) => $"Undo the import of {Figures.Moment(import.CreatedAt, Zone)}";

    private string? RemovedTitle(ImportSummary import) =>
        import.RemovedAt is { } removed ? $"Undone {Figures.Moment(removed, Zone)}" : null;

    private static string FilesText(ImportSummary import) =>
        import.Files.Count == 1 ? import.Files[0] : $"{import.Files[0]} and {import.Files.Count - 1} more";

    private static string Took(ImportSummary import) =>
        import is { StartedAt: { } started, CompletedAt: { } completed } ? Figures.Span(completed - started) : "–";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
