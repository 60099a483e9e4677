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
    private ElementReference _main;
    private bool _isDarkMode;
    private bool _drawerOpen = true;

    private string ThemeIcon => _isDarkMode ? Icons.Material.Rounded.LightMode : Icons.Material.Rounded.DarkMode;

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

    /// <summary>The skip link moves the keyboard past the app bar and the menu, to the page itself.</summary>
    private async Task SkipToContentAsync() => await _main.FocusAsync();

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
