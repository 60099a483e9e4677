using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Core.Imports;
using Dashboard.Core.Spotify;
using Dashboard.Core.Tests.Support;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Demo;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>
/// Core on a real SQLite file, pointed at an in-process Spotify emulator. Both start at the same moment on fake clocks
/// that <see cref="Advance"/> moves together. A wait the app makes (a retry's backoff, a short Retry-After) is over at
/// once and moves both clocks on by its length; timeouts are short and run in real time, since a request the emulator
/// holds is held in real time.
/// </summary>
internal sealed partial class SpotifyTestBed : IAsyncDisposable
{
    public const string ClientId = "dashboard-tests";
    public const string ClientSecret = "dashboard-tests-secret";
    private const string RedirectUri = "http://127.0.0.1:5999/signin-spotify";

    /// <summary>A Tuesday, 19:30 in Berlin: the demo listener is usually listening in the evening.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 18, 30, 0, TimeSpan.Zero);

    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMilliseconds(400);
    public const int MaxRetries = 2;
    public static readonly TimeSpan MaxRetryAfterWait = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _emulatorClock;
    private readonly HttpClient _accounts;

    private SpotifyTestBed(CoreTestHost host, SpotifyEmulatorServer emulator, FakeTimeProvider emulatorClock)
    {
        Host = host;
        Emulator = emulator;
        _emulatorClock = emulatorClock;
        _accounts =
            new HttpClient(
                new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(emulator.BaseUrl) };
    }

    public CoreTestHost Host { get; }
    public SpotifyEmulatorServer Emulator { get; }
    public EmulatorState State => Emulator.State;
    public SpotifyClient Client => Host.Get<SpotifyClient>();
    public DateTimeOffset Now => Host.Clock.GetUtcNow();

    /// <param name="rateLimitRequests">Calls the emulator takes in any 30 s before answering 429 (its own default:
    /// 180).</param>
    public static async Task<SpotifyTestBed> StartAsync(int dailyRequestQuota = 25_000,
        IReadOnlyDictionary<string, string?>? settings = null,
        int rateLimitRequests = 180)
    {
        var emulatorClock = new FakeTimeProvider(Start);
        var emulator = await SpotifyEmulatorServer.StartAsync(new EmulatorSettings
        {
            Clock = emulatorClock,
            DailyRequestQuota = dailyRequestQuota,
            // Four months of plays (some 4,000) hold every case the sync meets, and the tests that import the
            // listener's export take a tenth of the time of the default three years.
            HistoryDays = 120,
            RateLimitRequests = rateLimitRequests,
            Clients = [new EmulatedClient(ClientId, ClientSecret, "Dashboard tests", [RedirectUri])],
        });
        var configuration = new Dictionary<string, string?>
        {
            ["Spotify:ClientId"] = ClientId,
            ["Spotify:ClientSecret"] = ClientSecret,
            ["Spotify:AccountsBaseUrl"] = emulator.BaseUrl,
            ["Spotify:ApiBaseUrl"] = emulator.BaseUrl,
            ["Spotify:RequestTimeout"] = RequestTimeout.ToString(),
            ["Spotify:MaxRetries"] = MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Spotify:RetryBaseDelay"] = "00:00:00.010",
            ["Spotify:MaxRetryAfterWait"] = MaxRetryAfterWait.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        var host = await CoreTestHost.StartAsync(Start, configuration, clock => new SteppingClock(clock, by =>
        {
            clock.Advance(by);
            emulatorClock.Advance(by);
        }));
        return new SpotifyTestBed(host, emulator, emulatorClock);
    }

    /// <summary>
    /// Signs <paramref name="spotifyUserId"/> in through the emulator's consent page, as the app does, and stores the
    /// tokens for a new user. With <paramref name="pkce"/> the refresh token works once, as after the app's sign-in.
    /// </summary>
    /// <returns>Our user id.</returns>
    public async Task<int> SignInAsync(string spotifyUserId = SpotifyEmulatorServer.DemoUserId, bool pkce = true)
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(48));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId, ["response_type"] = "code", ["redirect_uri"] = RedirectUri, ["state"] = "s1",
            ["scope"] = string.Join(' ', new SpotifyOptions().Scopes),
        };
        if (pkce)
        {
            query["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            query["code_challenge_method"] = "S256";
        }
        var page = await _accounts.GetStringAsync(QueryHelpers.AddQueryString("/authorize", query));
        var consent = HiddenField().Matches(page)
            .Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(("user", spotifyUserId))
            .Append(("action", "accept"));
        var redirect = await _accounts.PostAsync("/authorize", Form(consent));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var code = QueryHelpers.ParseQuery(redirect.Headers.Location!.Query)["code"].ToString();

        var exchange = new List<(string, string)>
        {
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri),
            ("client_id", ClientId), ("client_secret", ClientSecret),
        };
        if (pkce)
        {
            exchange.Add(("code_verifier", verifier));
        }
        var response = await _accounts.PostAsync("/api/token", Form(exchange));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var tokens = new SpotifyTokens(
            body.GetProperty("access_token").GetString()!,
            body.GetProperty("refresh_token").GetString()!,
            Now.UtcDateTime.AddSeconds(body.GetProperty("expires_in").GetInt32()),
            body.GetProperty("scope").GetString()!);

        var user = await Host.AddUserAsync(spotifyUserId);
        await Host.Get<SpotifyTokenStore>().SaveAsync(user.Id, tokens, CancellationToken.None);
        return user.Id;
    }

    /// <summary>
    /// Imports the demo listener's privacy export (everything the emulator has of them) for <paramref name="userId"/>.
    /// </summary>
    public async Task ImportDemoExportAsync(int userId)
    {
        await using var export = new MemoryStream();
        await Emulator.WritePrivacyExportAsync(SpotifyEmulatorServer.DemoUserId, export);
        var import = await Host.UploadAsync(userId, ("my_spotify_data.zip", export.ToArray()));
        await Host.Get<ImportService>().RunAsync(import.Id, CancellationToken.None);
    }

    public Task<SpotifyTokens?> StoredTokensAsync(int userId) =>
        Host.Get<SpotifyTokenStore>().GetAsync(userId, CancellationToken.None);

    /// <summary>The call log, oldest first.</summary>
    public async Task ClearApiCallsAsync()
    {
        await using var db = await Host.DbAsync();
        await db.ApiCalls.ExecuteDeleteAsync();
    }

    public async Task<List<ApiCall>> ApiCallsAsync()
    {
        await using var db = await Host.DbAsync();
        return await db.ApiCalls.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
    }

    /// <summary>Moves the app's and the emulator's clocks together.</summary>
    public void Advance(TimeSpan by)
    {
        Host.Clock.Advance(by);
        _emulatorClock.Advance(by);
    }

    /// <summary>Moves the clocks a minute at a time until the listener is well inside a play that matches.</summary>
    public DemoPlay AdvanceUntilPlaying(Func<DemoPlay, bool> matches,
        string spotifyUserId = SpotifyEmulatorServer.DemoUserId)
    {
        var listener = State.FindUser(spotifyUserId)!.Listener!;
        for (var minute = 0; minute < 14 * 24 * 60; minute++)
        {
            var now = Now.UtcDateTime;
            if (listener.PlayingAt(now) is { } play && matches(play) && play.EndedAt - now > TimeSpan.FromSeconds(90)
                && now - play.StartedAt > TimeSpan.FromSeconds(10))
            {
                return play;
            }
            Advance(TimeSpan.FromMinutes(1));
        }
        throw new InvalidOperationException("Nothing matching played within two weeks.");
    }

    public DemoPlay AdvanceUntilPlayingTrack(string spotifyUserId = SpotifyEmulatorServer.DemoUserId) =>
        AdvanceUntilPlaying(play => play.Track is not null, spotifyUserId);

    /// <summary>Moves the clocks until nothing plays.</summary>
    public void AdvanceUntilSilent(string spotifyUserId = SpotifyEmulatorServer.DemoUserId)
    {
        var listener = State.FindUser(spotifyUserId)!.Listener!;
        while (listener.PlayingAt(Now.UtcDateTime) is not null)
        {
            Advance(TimeSpan.FromMinutes(1));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _accounts.Dispose();
        await Host.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    private static FormUrlEncodedContent Form(IEnumerable<(string Name, string Value)> fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
