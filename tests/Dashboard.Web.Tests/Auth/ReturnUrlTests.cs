using System.Net;
using Dashboard.SpotifyEmulator;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Auth;

/// <summary>One app for the return-URL tests: each signs in afresh as a listener with little history.</summary>
public sealed class ReturnUrlApp : AppFixture
{
    public const string Listener = "returning";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Factory.Emulator()
            .AddListener(
                    new NewListener(Listener, "Returning Listener", 5) { HistoryDays = TestListeners.HistoryDays });
        // Known to the app before any test signs them in: no sync of a first sign-in runs beside the tests.
        await Factory.AddScheduledUserAsync(Listener);
    }
}

/// <summary>
/// Where a sign-in ends: on the local page it started from, and never elsewhere, whatever the return URL says. The
/// whole flow runs: login, the emulator's consent, the callback.
/// </summary>
public sealed class ReturnUrlTests(ReturnUrlApp app) : IClassFixture<ReturnUrlApp>
{
    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("/\t/evil.example/phish")] // the browser drops the tab and goes to //evil.example
    [InlineData("/\v/evil.example/phish")]
    [InlineData("/\r\n/evil.example/phish")]
    [InlineData("\v")]
    [InlineData("https://evil.example/phish")]
    [InlineData("http:evil.example")]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("~//evil.example/phish")]
    public async Task Sign_in_with_a_return_url_elsewhere_ends_on_the_home_page(string returnUrl)
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        var callback = await SignInAsync(client, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_ends_on_the_local_page_it_started_from()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        var callback = await SignInAsync(client, "/top?period=year");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/top?period=year", callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_page_links_a_return_url_elsewhere_to_the_home_page()
    {
        using var client = app.Factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync($"/signin?returnUrl={Uri.EscapeDataString("/\t/evil.example/phish")}");

        Assert.Contains("href=\"account/login?returnUrl=%2F\"", html);
        Assert.DoesNotContain("evil.example", html);
    }

    [Fact]
    public async Task The_sign_in_page_sends_a_signed_in_user_with_a_return_url_elsewhere_to_the_home_page()
    {
        using var client = app.Factory.CreateBrowserLikeClient();
        await SignInAsync(client, "/");

        var response = await client.GetAsync($"/signin?returnUrl={Uri.EscapeDataString("/\t/evil.example/phish")}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task On_Kestrel_a_return_url_with_control_characters_ends_on_the_home_page_not_on_an_error()
    {
        // Kestrel, unlike the in-process test server, refuses to send a Location header holding a control character:
        // the sign-in ended on an error instead of a page. An app of its own, in this process, served by Kestrel.
        await using var factory = new DashboardFactory();
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var server = factory.Services.GetRequiredService<IServer>();
        var address = new Uri(server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var listener = factory.AddListener();
        string[] returnUrls = ["/\v/evil.example/phish", "/\t/evil.example/phish", "/\r\n/evil.example/phish"];
        foreach (var returnUrl in returnUrls)
        {
            using var client =
                new HttpClient(
                    new HttpClientHandler { AllowAutoRedirect = false,
                        CookieContainer = new CookieContainer() }) { BaseAddress = address };

            var callback = await SignInAsync(client, returnUrl, listener);

            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            Assert.Equal("/", callback.Headers.Location!.OriginalString);
        }
    }

    /// <summary>Login with <paramref name="returnUrl"/>, consent on the emulator, and the callback's answer.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string returnUrl,
        string user = ReturnUrlApp.Listener)
    {
        using var spotify = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var login = await client.GetAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var authorize = login.Headers.Location!;
        var fields = SignedInClient.HiddenFields(await spotify.GetStringAsync(authorize));
        fields["user"] = user;
        fields["action"] = "accept";
        var decision = await spotify.PostAsync(new Uri(authorize, "/authorize"), new FormUrlEncodedContent(fields));
        return await client.GetAsync(decision.Headers.Location!.PathAndQuery);
    }
}
