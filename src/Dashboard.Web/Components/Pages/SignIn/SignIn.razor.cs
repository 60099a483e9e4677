using Dashboard.Core.Formatting;
using Dashboard.Core.Spotify;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Demo;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.SignIn;

public partial class SignIn
{
    /// <summary>Heights of the decorative bars beside the sign-in form.</summary>
    private static readonly int[] ArtBars = [35, 52, 44, 70, 58, 82, 64, 90, 72, 60, 78, 95, 68, 84];

    [Inject] private IOptions<SpotifyOptions> Spotify { get; set; } = default!;
    [Inject] private DemoSpotify Demo { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [SupplyParameterFromQuery] public string? ReturnUrl { get; set; }

    /// <summary>The OAuth error Spotify sent back, e.g. <c>access_denied</c>.</summary>
    [SupplyParameterFromQuery] public string? Error { get; set; }

    [SupplyParameterFromQuery] public bool SignedOut { get; set; }

    private bool IsDemo => Spotify.Value.IsDemo;

    private string DemoHistoryLength => (Demo.HistoryDays / 365, Demo.HistoryDays % 365) switch
    {
        (1, 0) => "a year",
        (var years, 0) => $"{years} years",
        _ => Figures.Count(Demo.HistoryDays, "day"),
    };

    private string LoginUrl => Links.SignIn(AccountEndpoints.LocalOnly(ReturnUrl));

    private (Severity Severity, string Text)? Message => (Error, SignedOut) switch
    {
        ("access_denied", _) =>
            (Severity.Info,
                "You cancelled the sign-in on Spotify; nothing was shared. Sign in again whenever you like."),
        ({ } error, _) =>
            (Severity.Error,
                $"Spotify sign-in did not complete ({error}). Try again; if it keeps failing, " +
                "check the Spotify app's settings."),
        (null, true) => (Severity.Success, "You are signed out."),
        _ => null,
    };

    protected override async Task OnInitializedAsync()
    {
        var state = await Authentication;
        if (state.User.UserId() is not null)
        {
            Navigation.NavigateTo(AccountEndpoints.LocalOnly(ReturnUrl), forceLoad: true);
        }
    }
}
