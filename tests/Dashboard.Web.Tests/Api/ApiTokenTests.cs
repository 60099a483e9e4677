using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>Personal API tokens, on one app for the class: each test has users of its own.</summary>
public sealed class ApiTokenTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_signs_its_owner_in_records_its_use_and_stops_working_once_revoked()
    {
        var factory = app.Factory;
        var userId = await factory.AddUserAsync(TestListeners.UniqueId("scripter"));
        var tokens = factory.Services.GetRequiredService<ApiTokens>();
        var created = Assert.IsType<ApiTokenCreation.Created>(await tokens.CreateAsync(userId, "  home widget  ", Ct));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);

        var before = await client.GetAsync("/api/v1/analytics/rollup-status", Ct);
        var listed = Assert.Single(await tokens.ListAsync(userId, Ct));
        Assert.True(await tokens.RevokeAsync(userId, created.Token.Id, Ct));
        var after = await client.GetAsync("/api/v1/analytics/rollup-status", Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(("home widget", created.Secret[..12]), (listed.Name, listed.Prefix));
        Assert.StartsWith("dash_", created.Secret);
        Assert.NotNull(listed.LastUsedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Invalid or revoked API token",
            (await after.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString());
        Assert.Empty(await tokens.ListAsync(userId, Ct));
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored()
    {
        var factory = app.Factory;
        var userId = await factory.AddUserAsync(TestListeners.UniqueId("scripter"));
        var created = Assert.IsType<ApiTokenCreation.Created>(await factory.Services.GetRequiredService<ApiTokens>()
            .CreateAsync(userId, "cli", Ct));

        await using var db = await factory.DbAsync();
        var row = await db.ApiTokens.SingleAsync(t => t.UserId == userId, Ct);

        Assert.Equal(ApiTokens.Hash(created.Secret), row.TokenHash);
        Assert.NotEqual(created.Secret, row.TokenHash);
        if (factory.Database.Provider == DatabaseProvider.Sqlite)
        {
            // Nowhere in the database file either: no other column or index holds the secret.
            var bytes = await File.ReadAllBytesAsync(factory.DatabasePath, Ct);
            Assert.DoesNotContain(created.Secret[12..], System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public async Task A_user_cannot_revoke_someone_elses_token_and_names_are_required()
    {
        var factory = app.Factory;
        var owner = await factory.AddUserAsync(TestListeners.UniqueId("owner"));
        var other = await factory.AddUserAsync(TestListeners.UniqueId("other"));
        var tokens = factory.Services.GetRequiredService<ApiTokens>();
        var created = Assert.IsType<ApiTokenCreation.Created>(await tokens.CreateAsync(owner, "mine", Ct));

        Assert.False(await tokens.RevokeAsync(other, created.Token.Id, Ct));
        Assert.Single(await tokens.ListAsync(owner, Ct));
        Assert.Empty(await tokens.ListAsync(other, Ct));
        Assert.IsType<ApiTokenCreation.Refused>(await tokens.CreateAsync(owner, "   ", Ct));
        Assert.IsType<ApiTokenCreation.Refused>(
            await tokens.CreateAsync(owner, new string('x', ApiTokens.MaxNameLength + 1), Ct));
    }

    [Fact]
    public async Task A_name_one_of_the_users_live_tokens_has_is_refused_in_any_case_but_another_user_may_use_it()
    {
        var factory = app.Factory;
        var owner = await factory.AddUserAsync(TestListeners.UniqueId("owner"));
        var other = await factory.AddUserAsync(TestListeners.UniqueId("other"));
        var tokens = factory.Services.GetRequiredService<ApiTokens>();
        var first = Assert.IsType<ApiTokenCreation.Created>(await tokens.CreateAsync(owner, "Home dashboard", Ct));

        var again = await tokens.CreateAsync(owner, "  home DASHBOARD ", Ct);
        var others = await tokens.CreateAsync(other, "Home dashboard", Ct);
        Assert.True(await tokens.RevokeAsync(owner, first.Token.Id, Ct));
        var afterRevoking = await tokens.CreateAsync(owner, "Home dashboard", Ct);

        Assert.Equal(new ApiTokenCreation.Refused(
            "You already have a token named \"home DASHBOARD\". Give this one another name, or revoke that one first.",
            ApiTokenRefusal.DuplicateName), again);
        Assert.IsType<ApiTokenCreation.Created>(others);
        Assert.IsType<ApiTokenCreation.Created>(afterRevoking);
    }

    [Fact]
    public async Task The_tokens_api_lists_makes_and_revokes_a_signed_in_users_tokens_and_refuses_a_taken_name()
    {
        using var listener = await app.Factory.SignInListenerWithoutSyncAsync();
        using var stranger = await app.Factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;

        var made = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "Kitchen display" }, Ct);
        var taken = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "kitchen display" }, Ct);
        var nameless = await client.PostAsJsonAsync("/api/v1/tokens", new { }, Ct);
        var created = await made.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("token").GetProperty("id").GetInt32();
        var secret = created.GetProperty("secret").GetString()!;
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/tokens", Ct);
        var strangers = await stranger.Client.GetFromJsonAsync<JsonElement>("/api/v1/tokens", Ct);
        var strangerRevokes = await stranger.Client.DeleteAsync($"/api/v1/tokens/{id}", Ct);
        using var withToken = app.Factory.CreateClient();
        withToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var byToken = await withToken.PostAsJsonAsync("/api/v1/tokens", new { name = "Minted" }, Ct);
        var revoked = await client.DeleteAsync($"/api/v1/tokens/{id}", Ct);

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal("Kitchen display", created.GetProperty("token").GetProperty("name").GetString());
        Assert.StartsWith(created.GetProperty("token").GetProperty("prefix").GetString()!, secret);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        var problem = Assert.Single((await taken.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail")
            .EnumerateArray());
        Assert.Equal(["body", "name"], problem.GetProperty("loc").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(
            "You already have a token named \"kitchen display\". Give this one another name, or revoke that one first.",
            problem.GetProperty("msg").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nameless.StatusCode);
        Assert.Equal([id], listed.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));
        Assert.Equal(0, strangers.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, strangerRevokes.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byToken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Empty(await app.Factory.Services.GetRequiredService<ApiTokens>().ListAsync(listener.UserId, Ct));
    }

    [Fact]
    public async Task A_bad_token_is_refused_even_beside_a_valid_cookie()
    {
        using var listener = await app.Factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/analytics/rollup-status", Ct)).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/analytics/rollup-status");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dash_not-a-real-token");
        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Rollup_build_needs_the_antiforgery_token_with_a_cookie_but_not_with_a_bearer_token()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInNewListenerAsync();
        var (cookie, userId) = (listener.Client, listener.UserId);
        var secret = await factory.CreateTokenAsync(userId, "cli");
        using var token = factory.CreateClient();
        token.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var forged = await cookie.PostAsync("/api/v1/analytics/rollup-build", null, Ct);
        var started = await token.PostAsync("/api/v1/analytics/rollup-build", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("started",
            (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        var status = await token.GetFromJsonAsync<JsonElement>("/api/v1/analytics/rollup-status", Ct);
        Assert.True(status.GetProperty("total_days").GetInt32() > 0);
    }
}
