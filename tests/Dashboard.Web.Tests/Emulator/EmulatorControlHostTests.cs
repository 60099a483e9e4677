using System.Net;
using System.Net.Http.Json;
using Dashboard.SpotifyEmulator.Faults;
using static Dashboard.Web.Tests.Emulator.EmulatorHost;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>
/// The <c>/_emulator</c> endpoints steer the emulator for whoever calls them; only a caller that addressed the
/// emulator by its own loopback host and port may, so a web page whose name was rebound to 127.0.0.1 may not.
/// </summary>
[NoDatabase]
public sealed class EmulatorControlHostTests : IAsyncLifetime
{
    private EmulatorHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await StartAsync();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private int Port => new Uri(_host.Emulator.BaseUrl).Port;

    [Theory]
    [InlineData("GET", "/_emulator/users")]
    [InlineData("POST", "/_emulator/users")]
    [InlineData("GET", "/_emulator/faults")]
    [InlineData("POST", "/_emulator/faults")]
    [InlineData("DELETE", "/_emulator/faults")]
    public async Task A_control_request_addressed_to_another_host_is_refused_and_changes_nothing(string method,
        string path)
    {
        _host.State.Faults.Inject(Fault.ServerError(503));
        var usersBefore = _host.State.Users.Count;

        var response = await SendAsync(method, path, $"rebound.example:{Port}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("error").GetString();
        Assert.Equal($"Only requests addressed to 127.0.0.1:{Port} or localhost:{Port} may steer the emulator.", error);
        Assert.Single(_host.State.Faults.Pending);
        Assert.Equal(usersBefore, _host.State.Users.Count);
    }

    [Theory]
    [InlineData("127.0.0.1:1")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task A_control_request_addressed_to_another_port_is_refused(string hostWithoutOwnPort)
    {
        var response = await SendAsync("GET", "/_emulator/users", hostWithoutOwnPort);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    public async Task A_control_request_addressed_to_the_emulators_own_host_and_port_is_served(string host)
    {
        var response = await SendAsync("POST", "/_emulator/users", $"{host}:{Port}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(_host.State.FindUser("added"));
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string host)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Host = host;
        if (method == "POST")
        {
            request.Content = path.EndsWith("users", StringComparison.Ordinal)
                ? JsonContent.Create(new { id = "added", display_name = "Added", seed = 7 })
                : JsonContent.Create(new { kind = "server_error" });
        }
        return await _host.Http.SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
