using System.Net.Http.Headers;
using Dashboard.SpotifyEmulator;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// One app shared by the read-only API tests (signing the demo listener in imports three years of plays, too slow to
/// do per test): the demo listener with that history, and a second listener whose few plays came in by sync, each
/// signed in with a cookie and holding a personal token.
/// </summary>
public sealed class TwoListenersFixture : IAsyncLifetime
{
    public const string StrangerId = "stranger";

    public DashboardFactory Factory { get; } = new()
    {
        Settings = new Dictionary<string, string>
        {
            // No scheduled sync may add plays between a request and the count it is checked against.
            ["Sync:Interval"] = "1.00:00:00",
        },
    };

    public HttpClient DemoCookie { get; private set; } = default!;
    public HttpClient StrangerCookie { get; private set; } = default!;
    public int DemoUserId { get; private set; }
    public int StrangerUserId { get; private set; }
    public string DemoToken { get; private set; } = default!;
    public string StrangerToken { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Factory.Emulator().AddListener(new NewListener(StrangerId, "Stranger", 11));
        DemoCookie = await Factory.SignInAsync();
        StrangerCookie = await Factory.SignInAsync(StrangerId);
        DemoUserId = await Factory.UserIdAsync(SpotifyEmulatorServer.DemoUserId);
        StrangerUserId = await Factory.UserIdAsync(StrangerId);
        await Factory.WaitForSyncsAsync(DemoUserId);
        await Factory.WaitForSyncsAsync(StrangerUserId);
        DemoToken = await Factory.CreateTokenAsync(DemoUserId, "demo script");
        StrangerToken = await Factory.CreateTokenAsync(StrangerUserId, "stranger widget");
    }

    /// <summary>A client with no cookies that sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client =
            Factory.CreateClient(
                new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        DemoCookie.Dispose();
        StrangerCookie.Dispose();
        await Factory.DisposeAsync();
    }
}
