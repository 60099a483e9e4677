using System.Net;
using System.Net.Http.Headers;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Every part of the app that refuses an API request (routing through the API error middleware, either
/// authentication scheme, an endpoint) answers with the one error body, byte for byte: <c>{"detail": ...}</c> as JSON.
/// </summary>
public sealed class ApiErrorBodyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Routing_and_authentication_refuse_with_the_one_error_body()
    {
        using var client = app.Factory.CreateClient();
        using var badToken = app.Factory.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        await AssertErrorAsync(await client.GetAsync("/api/v1/nothing-here", Ct), HttpStatusCode.NotFound,
            """{"detail":"Not found"}""");
        await AssertErrorAsync(await client.PostAsync("/api/health", null, Ct), HttpStatusCode.MethodNotAllowed,
            """{"detail":"POST is not allowed here: this address takes GET, HEAD"}""");
        await AssertErrorAsync(await client.GetAsync("/api/v1/history", Ct), HttpStatusCode.Unauthorized,
            """{"detail":"Not authenticated"}""");
        await AssertErrorAsync(await badToken.GetAsync("/api/v1/history", Ct), HttpStatusCode.Unauthorized,
            """{"detail":"Invalid or revoked API token"}""");
    }

    [Fact]
    public async Task Endpoints_refuse_with_the_one_error_body()
    {
        var userId = await app.Factory.AddUserAsync(TestListeners.UniqueId("errors"));
        using var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await app.Factory.CreateTokenAsync(userId));

        await AssertErrorAsync(await client.GetAsync("/api/v1/tracks/987654321", Ct), HttpStatusCode.NotFound,
            """{"detail":"Track not found"}""");
        var unreadable = await client.GetAsync("/api/v1/tracks/first", Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unreadable.StatusCode);
        Assert.Equal("application/json", unreadable.Content.Headers.ContentType?.MediaType);
        Assert.Matches("""^\{"detail":\[\{"loc":\["path","id"\],"msg":"[^"]+","type":"[a-z_.]+"\}\]\}$""",
            await unreadable.Content.ReadAsStringAsync(Ct));
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string body)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(Ct));
    }
}
