using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>
/// The emulator on a fake clock with one registered app, for Web API tests: signs users in through consent and
/// PKCE and hands out API clients that carry their tokens.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    /// <summary>A Tuesday, 19:30 in Berlin: the demo listener is usually listening in the evening.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 18, 30, 0, TimeSpan.Zero);

    private readonly List<HttpClient> _clients = [];

    private EmulatorHost(SpotifyEmulatorServer emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
        Http = new HttpClient(
            new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(emulator.BaseUrl) };
    }

    public SpotifyEmulatorServer Emulator { get; }

    public EmulatorState State => Emulator.State;

    public FakeTimeProvider Clock { get; }

    /// <summary>A client without a token, for accounts and <c>/_emulator</c> calls.</summary>
    public HttpClient Http { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public static async Task<EmulatorHost> StartAsync(int rateLimitRequests = 180, int dailyRequestQuota = 25_000,
        params EmulatedClient[] otherClients)
    {
        var clock = new FakeTimeProvider(Start);
        var emulator = await SpotifyEmulatorServer.StartAsync(new EmulatorSettings
        {
            Clock = clock,
            RateLimitRequests = rateLimitRequests,
            DailyRequestQuota = dailyRequestQuota,
            Clients =
                [new EmulatedClient(EmulatorSignIn.ClientId, EmulatorSignIn.ClientSecret, "Test app",
                    [EmulatorSignIn.RedirectUri]), .. otherClients],
        }, Xunit.TestContext.Current.CancellationToken);
        return new EmulatorHost(emulator, clock);
    }

    /// <summary>Signs <paramref name="userId"/> in and returns a Web API client carrying the access token.</summary>
    public async Task<HttpClient> SignInAsync(string userId = SpotifyEmulatorServer.DemoUserId,
        string clientId = EmulatorSignIn.ClientId, string clientSecret = EmulatorSignIn.ClientSecret)
    {
        var tokens = await EmulatorSignIn.SignInAsync(Http, userId, clientId, clientSecret);
        var client = EmulatorSignIn.ApiClient(Emulator.BaseUrl, tokens.GetProperty("access_token").GetString()!);
        _clients.Add(client);
        return client;
    }

    public DemoListener ListenerOf(string userId = SpotifyEmulatorServer.DemoUserId) =>
        State.FindUser(userId)!.Listener!;

    /// <summary>Moves the clock a minute at a time until the user is in the middle of a play that matches.</summary>
    public DemoPlay AdvanceUntilPlaying(Func<DemoPlay, bool> matches, string userId = SpotifyEmulatorServer.DemoUserId)
    {
        var listener = ListenerOf(userId);
        for (var minute = 0; minute < 14 * 24 * 60; minute++)
        {
            if (listener.PlayingAt(Now) is { } play && matches(play) && play.EndedAt - Now > TimeSpan.FromSeconds(90)
                && Now - play.StartedAt > TimeSpan.FromSeconds(10))
            {
                return play;
            }
            Clock.Advance(TimeSpan.FromMinutes(1));
        }
        throw new InvalidOperationException("Nothing matching played within two weeks.");
    }

    public DemoPlay AdvanceUntilPlayingTrack(string userId = SpotifyEmulatorServer.DemoUserId) =>
        AdvanceUntilPlaying(play => play.Track is not null, userId);

    /// <summary>Moves the clock until nothing plays.</summary>
    public void AdvanceUntilSilent(string userId = SpotifyEmulatorServer.DemoUserId)
    {
        var listener = ListenerOf(userId);
        while (listener.PlayingAt(Now) is not null)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Xunit.TestContext.Current.CancellationToken);

    /// <summary>
    /// Asserts a Spotify-shaped error: <c>{"error":{"status":…,"message":…}}</c>, and returns its <c>error</c>.
    /// </summary>
    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, int status,
        string? reason = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("error");
        Assert.Equal(status, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        if (reason is not null)
        {
            Assert.Equal(reason, error.GetProperty("reason").GetString());
        }
        return error;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
