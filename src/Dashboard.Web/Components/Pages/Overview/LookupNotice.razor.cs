using Dashboard.Core.Formatting;
using Dashboard.Core.Imports;
using Dashboard.Core.Sync;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Overview;

/// <summary>
/// While tracks of the listener's still wait for their Spotify look-up (for hours after a first import: a few hundred
/// a run, within the request budget), says how many and that the figures can still change, counted again after each
/// sync and each import: an import brings the tracks, often after the first sign-in's sync has ended.
/// </summary>
public partial class LookupNotice : IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private IDisposable? _subscription;
    private IDisposable? _imports;
    private int _userId;
    private int _pending;

    [Inject] private CatalogueLookups Lookups { get; set; } = default!;
    [Inject] private SyncNotifier Syncs { get; set; } = default!;
    [Inject] private ImportNotifier Imports { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    private string Text =>
        $"{Figures.Count(_pending, "track")} still being looked up on Spotify. Until then a track counts only under " +
        "the artist and album your export named, so figures by artist and album can still change as the look-ups " +
        "go on.";

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        _userId = await CurrentUser.GetIdAsync();
        _subscription = Syncs.Subscribe(_userId, update => InvokeAsync(() => OnSyncAsync(update)));
        _imports = Imports.Subscribe(_userId, progress => InvokeAsync(() => OnImportAsync(progress)));
        await CountAsync();
    }

    /// <summary>The look-ups are a step of each sync: its end is when the count moves.</summary>
    private async Task OnSyncAsync(SyncUpdate update)
    {
        if (update.Status != SyncStatus.Running)
        {
            await CountAsync();
            StateHasChanged();
        }
    }

    private async Task OnImportAsync(ImportProgress progress)
    {
        if (progress.Status == ImportStatus.Completed)
        {
            await CountAsync();
            StateHasChanged();
        }
    }

    private async Task CountAsync()
    {
        try
        {
            _pending = await Lookups.TracksPendingAsync(_userId, _closing.Token);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
        _subscription?.Dispose();
        _imports?.Dispose();
    }
}
