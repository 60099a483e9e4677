using System.Text.Json;
using Dashboard.Core.Accounts;
using Dashboard.Core.Formatting;
using Dashboard.Core.Imports;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Pages.Imports;

public partial class Imports : IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<int, ImportProgress> _live = [];
    private ElementReference _dropZone;
    private ElementReference _fileInput;
    private ElementReference _tokenForm;
    private IJSObjectReference? _module;
    private IJSObjectReference? _upload;
    // Files chosen or dropped before the script is attached would go unnoticed, so the drop zone says when it listens.
    private bool _attached;
    private DotNetObjectReference<Imports>? _self;
    private IDisposable? _subscription;
    private IReadOnlyList<ImportSummary>? _imports;
    private List<ChosenFile> _chosen = [];
    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;
    private int _userId;
    private bool _busy;
    private bool _tooLarge;
    private double? _uploadFraction;
    private string? _uploadError;
    private ImportSummary? _justFinished;

    [Inject] private ImportService ImportService { get; set; } = default!;
    [Inject] private ImportJobs ImportJobs { get; set; } = default!;
    [Inject] private ImportNotifier Notifier { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IOptions<ImportOptions> Options { get; set; } = default!;

    private long MaxUploadBytes => Options.Value.MaxUploadBytes;

    private string UploadLabel => _chosen.Count switch
    {
        0 => "Import",
        1 => "Import 1 file",
        var count => $"Import {count} files",
    };

    private IEnumerable<ImportSummary> ActiveImports => (_imports ?? []).Where(i => i.IsActive).OrderBy(i => i.Id);

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        _userId = await CurrentUser.GetIdAsync();
        _timeZone = await Accounts.GetTimeZoneAsync(_userId, _disposed.Token);
        _subscription = Notifier.Subscribe(_userId, progress => InvokeAsync(() => OnProgressAsync(progress)));
        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/import-upload.js");
            _upload = await _module.InvokeAsync<IJSObjectReference>("attach", _dropZone, _fileInput, _self);
            _attached = true;
            StateHasChanged();
        }
    }

    /// <summary>The latest progress of an import that is running now.</summary>
    private ImportProgress? Live(int importId) => _live.GetValueOrDefault(importId) ?? Notifier.Running(importId);

    private async Task OnProgressAsync(ImportProgress progress)
    {
        _live[progress.ImportId] = progress;
        if (progress.Status is not (ImportStatus.Running or ImportStatus.Pending))
        {
            _live.Remove(progress.ImportId);
            await ReloadAsync();
            _justFinished = _imports?.FirstOrDefault(i => i.Id == progress.ImportId);
        }
        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        try
        {
            _imports = await ImportService.ListAsync(_userId, _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    /// <summary>An import was undone: the list shows it removed, and its outcome card no longer stands.</summary>
    private async Task ImportsChangedAsync()
    {
        _justFinished = null;
        await ReloadAsync();
    }

    private async Task BrowseAsync()
    {
        if (_upload is not null && !_busy)
        {
            await _upload.InvokeVoidAsync("browse");
        }
    }

    [JSInvokable]
    public Task FilesChosen(List<ChosenFile> files)
    {
        _chosen = files;
        _uploadError = null;
        _tooLarge = files.Sum(f => f.Size) > MaxUploadBytes;
        if (_tooLarge)
        {
            _uploadError =
                $"These files come to {Figures.Bytes(files.Sum(f => f.Size))}, " +
                $"over the limit of {Figures.Bytes(MaxUploadBytes)}. Upload them in several imports.";
        }
        return InvokeAsync(StateHasChanged);
    }

    [JSInvokable]
    public Task UploadProgress(long loaded, long total)
    {
        _uploadFraction = total > 0 ? (double)loaded / total : 0;
        return InvokeAsync(StateHasChanged);
    }

    private async Task UploadAsync()
    {
        if (_upload is null)
        {
            return;
        }
        _busy = true;
        _uploadError = null;
        _justFinished = null;
        _uploadFraction = 0;
        try
        {
            var result = await _upload.InvokeAsync<UploadResult>("upload", "api/v1/history/import", _tokenForm);
            if (result.Status == 202)
            {
                _chosen = [];
                await _upload.InvokeVoidAsync("clear");
                await ReloadAsync();
            }
            else
            {
                _uploadError = UploadFailure(result);
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser went away mid-upload.
        }
        finally
        {
            _busy = false;
            _uploadFraction = null;
        }
    }

    private async Task AbortUploadAsync()
    {
        if (_upload is not null)
        {
            await _upload.InvokeVoidAsync("abort");
        }
    }

    private async Task CancelAsync(int importId)
    {
        await ImportJobs.CancelAsync(_userId, importId, _disposed.Token);
        await ReloadAsync();
    }

    private static string UploadFailure(UploadResult result)
    {
        if (result.Status == -1)
        {
            return "Upload stopped. Nothing was kept.";
        }
        if (result.Status == 0)
        {
            return "The upload did not reach the server. Check the connection and try again.";
        }
        try
        {
            // {"detail":"..."} or {"detail":[{"msg":"..."}]}
            var detail = JsonDocument.Parse(result.Body).RootElement.GetProperty("detail");
            return detail.ValueKind == JsonValueKind.Array ? detail[0].GetProperty("msg").GetString()!
                : detail.GetString()!;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"The upload failed (HTTP {result.Status}). Try again.";
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        _subscription?.Dispose();
        try
        {
            if (_upload is not null)
            {
                await _upload.InvokeVoidAsync("detach");
                await _upload.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone; so are its listeners.
        }
        _self?.Dispose();
        _disposed.Dispose();
    }

    public sealed record ChosenFile(string Name, long Size);

    private sealed record UploadResult(int Status, string Body);
}
