using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Player;
using Dashboard.Core.Spotify;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlayerPage = Dashboard.Web.Components.Pages.Player.Player;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class PlayerPageTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 18, 0, 0, TimeSpan.Zero);

    private readonly FakePlayer _player = new();
    private readonly FakeTimeProvider _clock = new(Start);

    public PlayerPageTests()
    {
        Services.AddSingleton<PlayerService>(_player);
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddSingleton<UserAccounts>(new FakeAccounts());
    }

    [Fact]
    public void Nothing_playing_is_said_plainly()
    {
        var page = RenderSignedIn<PlayerPage>();

        page.WaitForAssertion(() =>
            Assert.Contains("Nothing is playing", page.Find("[data-testid=nothing-playing]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=player-trouble]"));
    }

    [Fact]
    public void Shows_the_track_its_device_and_state_and_the_progress_moves_between_reads()
    {
        _player.Now = Playing(progressMs: 60_000);
        var page = RenderSignedIn<PlayerPage>();
        page.WaitForAssertion(() => Assert.Equal("Idioteque", page.Find("[data-testid=track-name]").TextContent));
        Assert.Equal("Radiohead", page.Find("[data-testid=track-artists]").TextContent);
        Assert.Equal("Kid A", page.Find("[data-testid=track-album]").TextContent);
        Assert.Contains("Pixel 8", page.Find("[data-testid=device]").TextContent);
        Assert.Contains("Shuffle on", page.Find("[data-testid=shuffle]").TextContent);
        Assert.Equal("60000", page.Find("[data-testid=progress]").GetAttribute("data-progress-ms"));

        _clock.Advance(TimeSpan.FromSeconds(3));

        page.WaitForAssertion(() =>
            Assert.Equal("63000", page.Find("[data-testid=progress]").GetAttribute("data-progress-ms")));
        Assert.Equal("1:03", page.Find("[data-testid=progress-text]").TextContent);
        Assert.Equal(1, _player.NowReads);

        _clock.Advance(PlayerPage.PollInterval);

        page.WaitForAssertion(() => Assert.Equal(2, _player.NowReads));
    }

    [Fact]
    public void A_command_refused_for_a_free_account_says_Premium_is_required_and_disables_the_controls()
    {
        _player.Now = Playing(progressMs: 1_000);
        _player.CommandAnswer = new PlayerAnswer<PlayerCommandResult>(PlayerCommandResult.PremiumRequired, null);
        var page = RenderSignedIn<PlayerPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=next]")));

        page.Find("[data-testid=next]").Click();

        page.WaitForAssertion(() =>
            Assert.Contains("needs Spotify Premium", page.Find("[data-testid=command-notice]").TextContent));
        Assert.Equal([PlayerCommand.Next], _player.Commands);
        Assert.True(page.Find("[data-testid=next]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_free_account_sees_the_player_with_a_note_instead_of_controls()
    {
        Services.AddSingleton<UserAccounts>(new FakeAccounts(product: "free"));
        _player.Now = Playing(progressMs: 1_000);

        var page = RenderSignedIn<PlayerPage>();

        page.WaitForAssertion(() =>
            Assert.Contains("only Premium accounts", page.Find("[data-testid=premium-note]").TextContent));
        Assert.True(page.Find("[data-testid=play-pause]").HasAttribute("disabled"));
    }

    [Fact]
    public void Pause_is_sent_while_playing_and_no_active_device_is_said_plainly()
    {
        _player.Now = Playing(progressMs: 1_000);
        _player.CommandAnswer = new PlayerAnswer<PlayerCommandResult>(PlayerCommandResult.NoActiveDevice, null);
        var page = RenderSignedIn<PlayerPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=play-pause]")));

        page.Find("[data-testid=play-pause]").Click();

        page.WaitForAssertion(() =>
            Assert.Contains("No device is active", page.Find("[data-testid=command-notice]").TextContent));
        Assert.Equal([PlayerCommand.Pause], _player.Commands);
    }

    [Fact]
    public void Rate_limited_says_when_the_player_tries_again_and_waits_until_then()
    {
        _player.Now = new PlayerAnswer<NowPlaying>(null,
            new PlayerTrouble(PlayerTroubleKind.RateLimited, "Spotify asked the app to slow down.",
                Start.AddSeconds(90)));

        var page = RenderSignedIn<PlayerPage>();

        // 19:01:30 in Berlin.
        page.WaitForAssertion(() =>
            Assert.Contains("tries again at 19:01:30 (in 2 min)",
                page.Find("[data-testid=player-trouble]").TextContent));
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, _player.NowReads);
        _clock.Advance(TimeSpan.FromSeconds(31));
        page.WaitForAssertion(() => Assert.Equal(2, _player.NowReads));
    }

    [Fact]
    public void A_refused_sign_in_asks_to_sign_in_again()
    {
        _player.Now = new PlayerAnswer<NowPlaying>(null, new PlayerTrouble(PlayerTroubleKind.SignInRequired,
            "Spotify no longer accepts your sign-in. Sign in with Spotify again to see your player."));

        var page = RenderSignedIn<PlayerPage>();

        page.WaitForAssertion(() =>
            Assert.Equal("signinrequired", page.Find("[data-testid=player-trouble]").GetAttribute("data-kind")));
        Assert.Equal("account/login?returnUrl=%2Fplayer",
            page.Find("[data-testid=player-trouble] a").GetAttribute("href"));
        Assert.Equal("_top",
            page.Find("[data-testid=player-trouble] a").GetAttribute("target")); // a page load, not a Blazor route
        Assert.Empty(page.FindAll("[data-testid=nothing-playing]"));
    }

    [Fact]
    public async Task Leaving_the_page_stops_the_polling()
    {
        _player.Now = Playing(progressMs: 1_000);
        var page = RenderSignedIn<PlayerPage>();
        page.WaitForAssertion(() => Assert.Equal(1, _player.NowReads));

        await page.Instance.DisposeAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, _player.NowReads);
    }

    private PlayerAnswer<NowPlaying> Playing(int progressMs) => new(
        new NowPlaying(
            new PlayerItem("track", "t1", "Idioteque", ["Radiohead"], "Kid A", "https://i.scdn.co/image/cover",
                309_000), progressMs, true,
            new PlayerDevice("d1", "Pixel 8", "Smartphone", true, 100, false, false), true, "off", _clock.GetUtcNow()),
        null);
}
