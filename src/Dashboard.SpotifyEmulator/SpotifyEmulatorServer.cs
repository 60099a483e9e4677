using System.Net;
using Dashboard.SpotifyEmulator.Accounts;
using Dashboard.SpotifyEmulator.Api;
using Dashboard.SpotifyEmulator.Demo;
using Dashboard.SpotifyEmulator.Faults;
using Dashboard.SpotifyEmulator.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.SpotifyEmulator;

public sealed class EmulatorSettings
{
    /// <summary>Loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Seed of the generated catalogue and listening history.</summary>
    public int Seed { get; init; } = 2026;

    /// <summary>How many days of history the demo listener has; three years unless set.</summary>
    public int HistoryDays { get; init; } = 3 * 365;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Calls one app may make in any rolling <see cref="RateLimitWindow"/> before getting 429. Defaults to 180.
    /// </summary>
    public int RateLimitRequests { get; init; } = 180;

    /// <summary>The rolling window of the rate limit. Defaults to 30 seconds, the window Spotify describes.</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls one app may make per UTC day before 429 QUOTA_EXCEEDED. Defaults to 25,000.</summary>
    public int DailyRequestQuota { get; init; } = 25_000;

    /// <summary>Apps registered in advance (as on Spotify's developer dashboard).</summary>
    public IReadOnlyList<EmulatedClient> Clients { get; init; } = [];
}

/// <summary>
/// A stand-in for accounts.spotify.com and api.spotify.com on one loopback port, with a demo listener who
/// has years of history. Started in-process by the app's demo mode and by tests, which steer it through
/// <see cref="State"/> or over HTTP under <c>/_emulator</c> (users, faults).
/// </summary>
public sealed class SpotifyEmulatorServer : IAsyncDisposable
{
    public const string DemoUserId = "demolistener";

    private readonly WebApplication _app;

    private SpotifyEmulatorServer(WebApplication app, EmulatorState state, string baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:41234</c>; serves both accounts and API.</summary>
    public string BaseUrl { get; }

    public EmulatorState State { get; }

    public static async Task<SpotifyEmulatorServer> StartAsync(EmulatorSettings settings,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.RateLimitRequests,
            nameof(settings.RateLimitRequests));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.RateLimitWindow, TimeSpan.Zero,
            nameof(settings.RateLimitWindow));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.DailyRequestQuota,
            nameof(settings.DailyRequestQuota));
        var catalog = DemoCatalog.Generate(settings.Seed);
        var state = new EmulatorState(settings.Clock, catalog);
        foreach (var client in settings.Clients)
        {
            state.RegisterClient(client);
        }
        var now = settings.Clock.GetUtcNow().UtcDateTime;
        state.AddUser(new EmulatedUser(DemoUserId, "dEm0L1st3nr", "Demo Listener", "demo.listener@example.com", "DE",
            "premium", new DemoListener(catalog, settings.Seed, DemoTimeZone), now.AddDays(-settings.HistoryDays)));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));
        var app = builder.Build();
        string? baseUrl = null;
        var gate = new ApiGate(state, new DailyQuota(settings.DailyRequestQuota, settings.Clock),
            new RollingRateLimit(settings.RateLimitRequests, settings.RateLimitWindow, settings.Clock));
        app.Use(gate.InvokeAsync);
        app.MapAccounts(state);
        app.MapWebApi(state, () => baseUrl!);
        var control = app.MapGroup("/_emulator").AddEndpointFilter(ControlResults.OwnHostOnly);
        control.MapUserControl(state);
        control.MapFaultControl(state);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        baseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return new SpotifyEmulatorServer(app, state, baseUrl);
    }

    /// <summary>The user's whole history up to now as the privacy export zip Spotify would send.</summary>
    public async Task WritePrivacyExportAsync(string userId, Stream destination,
        CancellationToken cancellationToken = default)
    {
        var user = State.FindUser(userId)
            ?? throw new ArgumentException($"No emulated user '{userId}'.", nameof(userId));
        var plays = user.Listener?.PlaysBetween(user.HistoryStart, State.Now) ?? [];
        await PrivacyExport.WriteZipAsync(plays, State.Catalog, destination, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TimeZoneInfo DemoTimeZone => TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out var zone)
        ? zone : TimeZoneInfo.Utc;
}
