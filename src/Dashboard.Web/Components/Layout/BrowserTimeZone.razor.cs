using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// A new user's zone defaults to the browser's. Only while the zone was never chosen: after that it changes
/// only in Settings.
/// </summary>
public partial class BrowserTimeZone
{
    private IJSObjectReference? _module;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private SettingsChanges Changes { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<BrowserTimeZone> Logger { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || (await Authentication.GetAuthenticationStateAsync()).User.UserId() is not { } userId)
        {
            return;
        }
        try
        {
            var settings = await Accounts.GetSettingsAsync(userId, CancellationToken.None);
            if (settings.TimeZoneChosen || await Changes.IsPendingAsync(userId, CancellationToken.None))
            {
                return;
            }
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/browser.js");
            var zone = await _module.InvokeAsync<string>("timeZone");
            if (Core.Listening.TimeZones.Find(zone) is not null)
            {
                await Changes.ScheduleAsync(userId, zone, settings.PlayCountRule, CancellationToken.None);
                Logger.LogInformation("User {UserId} gets their browser's time zone {TimeZone}", userId, zone);
            }
        }
        catch (JSDisconnectedException)
        {
            // The page closed before the browser answered; the next visit asks again.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }
    }
}
