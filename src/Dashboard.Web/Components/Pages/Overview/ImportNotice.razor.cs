using Dashboard.Core.Formatting;
using Dashboard.Core.Imports;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Overview;

/// <summary>
/// While an import of the listener's waits or runs (the demo listener's history right after their first sign-in, say),
/// says how far it got, live, and tells the page when it ends so that the figures are loaded again.
/// </summary>
public partial class ImportNotice : IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private IDisposable? _subscription;
    private ImportProgress? _progress;

    /// <summary>
    /// Imports whose end came before the notice knew of them: the look-up may still find them running.
    /// </summary>
    private readonly HashSet<int> _endedUnseen = [];

    [Inject] private ImportActivity Imports { get; set; } = default!;
    [Inject] private ImportNotifier Notifier { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    /// <summary>Called when the import shown ends, whatever its outcome.</summary>
    [Parameter] public EventCallback ImportEnded { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        var userId = await CurrentUser.GetIdAsync();
        // Subscribed first, so that an end between the look-up and the subscription is not missed.
        _subscription = Notifier.Subscribe(userId, progress => InvokeAsync(() => OnProgressAsync(progress)));
        try
        {
            if (await Imports.ActiveAsync(userId, _closing.Token) is not { } active)
            {
                return;
            }
            if (_endedUnseen.Contains(active.Id))
            {
                // It ended while the look-up read it as running: the figures the page loaded meanwhile may predate it.
                await ImportEnded.InvokeAsync();
                return;
            }
            _progress ??= Notifier.Running(active.Id)
                ?? new ImportProgress(active.Id, userId, active.Status, null, active.RecordsTotal,
                active.RecordsRead, active.Inserted, active.Duplicates, active.Merged, active.Skipped, 0);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    private async Task OnProgressAsync(ImportProgress progress)
    {
        if (progress.Status is ImportStatus.Running or ImportStatus.Pending)
        {
            _progress = progress;
            StateHasChanged();
            return;
        }
        if (_progress?.ImportId != progress.ImportId)
        {
            _endedUnseen.Add(progress.ImportId);
            return;
        }
        _progress = null;
        StateHasChanged();
        await ImportEnded.InvokeAsync();
    }

    private static string Text(ImportProgress progress) => progress.Status == ImportStatus.Pending
        || progress.RecordsTotal == 0
        ? "Importing your listening history: it starts in a moment. The figures below fill in when it is done."
        : $"Importing your listening history: " +
        $"{Figures.Count(progress.RecordsRead)} of {Figures.Count(progress.RecordsTotal, "play")} read. "
          + "The figures below fill in when it is done.";

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
        _subscription?.Dispose();
    }
}
