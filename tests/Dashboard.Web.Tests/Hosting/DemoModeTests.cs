using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Demo mode gives every visitor one shared, writable account: outside Development it runs only when the operator
/// asks for it, and an app with neither Spotify nor the demo configured does not start.
/// </summary>
public sealed class DemoModeTests
{
    [Fact]
    public async Task Outside_development_without_a_Spotify_app_or_demo_setting_the_app_stops_and_says_what_to_set()
    {
        await using var factory = new DashboardFactory { DemoMode = false };

        var error = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Equal(
            ["No Spotify app is configured. Set Spotify:ClientId and Spotify:ClientSecret to your app's (from " +
             "developer.spotify.com), or set Spotify:Demo=true to run the demo, " +
             "where every visitor signs in to one shared " +
             "demo account with generated listening history."],
            error.Failures);
    }

    [Fact]
    public async Task The_demo_setting_beside_a_Spotify_app_stops_the_app_at_start_and_says_to_choose_one()
    {
        await using var factory = new DashboardFactory
        {
            Settings = new Dictionary<string, string> { ["Spotify:ClientId"] = "my-app",
                ["Spotify:ClientSecret"] = "my-secret" },
        };

        var error = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Equal(
            ["Spotify:Demo=true and Spotify:ClientId are both set. Remove Spotify:Demo to sign in with your Spotify " +
            "app, " +
             "or Spotify:ClientId to run the demo."],
            error.Failures);
    }

    [Fact]
    public async Task In_development_without_a_Spotify_app_the_demo_runs_with_no_setting()
    {
        await using var factory = new DashboardFactory { Environment = "Development", DemoMode = false };
        using var client = factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/signin");

        Assert.Contains("data-testid=\"demo-notice\"", html);
    }
}
