using Dashboard.Core.Spotify;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Web.Components.Layout;

public partial class MainLayout : IAsyncDisposable
{
    private MudThemeProvider _themeProvider = default!;
    private IJSObjectReference? _themeModule;
    private bool _isDarkMode;

    private string ThemeIcon => _isDarkMode ? Icons.Material.Rounded.LightMode : Icons.Material.Rounded.DarkMode;
    private bool _drawerOpen = true;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IOptions<SpotifyOptions> Spotify { get; set; } = default!;

    /// <summary>The theme remembered from the last visit; null follows the system.</summary>
    [CascadingParameter(Name = "DarkMode")]
    public bool? DarkMode { get; set; }

    private bool IsDemo => Spotify.Value.IsDemo;

    protected override void OnInitialized() => _isDarkMode = DarkMode ?? false;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && DarkMode is null)
        {
            var systemDark = await _themeProvider.GetSystemDarkModeAsync();
            if (systemDark != _isDarkMode)
            {
                _isDarkMode = systemDark;
                StateHasChanged();
            }
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        _themeModule ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/browser.js");
        await _themeModule.InvokeVoidAsync("rememberTheme", ThemeCookie.Name, _isDarkMode ? "dark" : "light");
    }

    public async ValueTask DisposeAsync()
    {
        if (_themeModule is not null)
        {
            try
            {
                await _themeModule.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }
    }
}
