using Dashboard.Core.Spotify;
using Dashboard.Core.Sync;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Components.Layout;

/// <summary>Checks when the layout opens, and again after each sync run, since a run is what finds out.</summary>
public partial class SpotifySignInNotice : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _subscription;
    private DateTime? _since;
    private int _userId;

    [Inject] private SpotifyConnections Connections { get; set; } = default!;
    [Inject] private SyncNotifier Syncs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    private string LoginUrl => Links.SignIn("/" + Navigation.ToBaseRelativePath(Navigation.Uri));

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive || Authentication is null
            || (await Authentication).User.UserId() is not { } userId)
        {
            return;
        }
        _userId = userId;
        _subscription = Syncs.Subscribe(userId, update => update.Step is null && update.Status != SyncStatus.Running
            ? InvokeAsync(async () =>
            {
                await CheckAsync();
                StateHasChanged();
            })
            : Task.CompletedTask);
        await CheckAsync();
    }

    private async Task CheckAsync()
    {
        try
        {
            _since = await Connections.NeedsSignInSinceAsync(_userId, _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The layout closed.
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _subscription?.Dispose();
        _disposed.Dispose();
    }
}
