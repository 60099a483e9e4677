using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

public sealed class SpotifyApiAccessTests
{
    [Theory]
    [InlineData("GET", "/api/v1/sync-jobs")]
    [InlineData("GET", "/api/v1/sync-jobs/stats")]
    [InlineData("POST", "/api/v1/sync-jobs/trigger")]
    [InlineData("GET", "/api/v1/api-logs")]
    [InlineData("GET", "/api/v1/api-logs/stats")]
    [InlineData("GET", "/api/v1/player/current")]
    [InlineData("GET", "/api/v1/player/devices")]
    [InlineData("GET", "/api/v1/player/queue")]
    [InlineData("POST", "/api/v1/player/play")]
    [InlineData("POST", "/api/v1/player/pause")]
    [InlineData("POST", "/api/v1/player/next")]
    [InlineData("POST", "/api/v1/player/previous")]
    public async Task Without_a_session_every_endpoint_is_401_with_a_reason(string method, string path)
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateBrowserLikeClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Not authenticated", (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("detail").GetString());
    }
}
