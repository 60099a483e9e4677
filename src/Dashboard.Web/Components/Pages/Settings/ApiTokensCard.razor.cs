using Dashboard.Core.Accounts;
using Dashboard.Core.Formatting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Settings;

/// <summary>
/// Settings' list of personal API tokens: create one with a name (its secret shown once), see when each was used,
/// revoke.
/// </summary>
public partial class ApiTokensCard : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<ApiTokenSummary>? _tokens;
    private ApiTokenCreation.Created? _created;
    private string? _name;
    private string? _error;
    private bool _busy;
    private bool _copyFailed;

    /// <summary>The signed-in user whose tokens these are.</summary>
    [Parameter, EditorRequired] public int UserId { get; set; }

    /// <summary>The user's time zone, for the dates shown.</summary>
    [Parameter, EditorRequired] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    [Inject] private ApiTokens Tokens { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private bool CanCreate => !_busy && !string.IsNullOrWhiteSpace(_name);

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    private async Task ReloadAsync() => _tokens = await Tokens.ListAsync(UserId, _disposed.Token);

    private string LastUsed(ApiTokenSummary token) => token.LastUsedAt is { } used ? Figures.Moment(used, Zone)
        : "never";

    private async Task CreateOnEnterAsync(KeyboardEventArgs key)
    {
        if (key.Key == "Enter" && CanCreate)
        {
            await CreateAsync();
        }
    }

    private async Task CreateAsync()
    {
        _error = null;
        _busy = true;
        try
        {
            switch (await Tokens.CreateAsync(UserId, _name!, _disposed.Token))
            {
                case ApiTokenCreation.Created created:
                    _created = created;
                    _copyFailed = false;
                    _name = null;
                    await ReloadAsync();
                    break;
                case ApiTokenCreation.Refused refused:
                    _error = refused.Reason;
                    break;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Puts the new token's secret on the clipboard, or says to copy it by hand.</summary>
    private async Task CopyAsync()
    {
        _copyFailed = false;
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _disposed.Token, _created!.Secret);
            Snackbar.Add($"Copied the token \"{_created.Token.Name}\".", Severity.Success);
        }
        catch (JSException)
        {
            // No clipboard here (an address that is neither HTTPS nor loopback), or the browser said no.
            _copyFailed = true;
        }
    }

    private async Task RevokeAsync(ApiTokenSummary token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke this token?",
            $"Anything that uses \"{token.Name}\" will be refused from now on. This cannot be undone.",
            yesText: "Revoke", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }
        await Tokens.RevokeAsync(UserId, token.Id, _disposed.Token);
        if (_created?.Token.Id == token.Id)
        {
            _created = null;
        }
        Snackbar.Add($"Revoked \"{token.Name}\".", Severity.Success);
        await ReloadAsync();
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
