using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Web.Components.Pages.Settings;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class ApiTokensCardTests : DashboardComponentTest
{
    private readonly FakeApiTokens _tokens = new();

    public ApiTokensCardTests() => Services.AddSingleton<ApiTokens>(_tokens);

    private IRenderedComponent<ApiTokensCard> RenderCard() =>
        Render<ApiTokensCard>(p =>
            p.Add(c => c.UserId, UserId).Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));

    [Fact]
    public void Lists_the_users_tokens_with_when_they_were_made_and_last_used()
    {
        _tokens.Live.Add(
            new ApiTokenSummary(1, "Home dashboard", "dash_AbCdEfG",
                new DateTime(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc), null));
        _tokens.Live.Add(
            new ApiTokenSummary(2, "Backup script", "dash_XyZ1234", new DateTime(2025, 2, 1, 9, 0, 0, DateTimeKind.Utc),
            new DateTime(2025, 3, 2, 18, 30, 0, DateTimeKind.Utc)));

        var card = RenderCard();

        var rows = card.FindAll("[data-testid=token-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Home dashboard", rows[0].TextContent);
        Assert.Contains("dash_AbCdEfG…", rows[0].TextContent);
        Assert.Contains("never", rows[0].TextContent);
        Assert.Contains("19:30", rows[1].TextContent); // last used, on the user's clock
        Assert.Equal([UserId], _tokens.ListedFor.Distinct());
    }

    [Fact]
    public void Creating_a_token_shows_its_secret_once_and_lists_it()
    {
        var card = RenderCard();
        Assert.True(card.Find("[data-testid=create-token]").HasAttribute("disabled"));

        card.Find("input").Input("Kitchen display");
        card.Find("[data-testid=create-token]").Click();

        card.WaitForAssertion(() =>
            Assert.Equal("dash_secret-of-Kitchen display", card.Find("[data-testid=new-token]").TextContent));
        Assert.Contains("Kitchen display", card.Find("[data-testid=token-row]").TextContent);
        Assert.Equal(("Kitchen display", UserId), _tokens.Created.Single());
    }

    [Fact]
    public async Task The_new_token_has_a_button_that_copies_it()
    {
        var card = RenderCard();
        card.Find("input").Input("Kitchen display");
        card.Find("[data-testid=create-token]").Click();
        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=copy-token]")));

        await card.Find("[data-testid=copy-token]").ClickAsync();

        var copied = JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal(["dash_secret-of-Kitchen display"], copied.Arguments);
        Assert.Empty(card.FindAll("[data-testid=copy-failed]"));
    }

    [Fact]
    public async Task A_browser_that_will_not_copy_is_told_to_copy_by_hand()
    {
        JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true)
            .SetException(new Microsoft.JSInterop.JSException("Write permission denied."));
        var card = RenderCard();
        card.Find("input").Input("Kitchen display");
        card.Find("[data-testid=create-token]").Click();
        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=copy-token]")));

        await card.Find("[data-testid=copy-token]").ClickAsync();

        Assert.Equal("This browser did not let the page copy it: select the token and copy it yourself.",
            System.Text.RegularExpressions.Regex.Replace(card.Find("[data-testid=copy-failed]").TextContent, @"\s+",
                " "));
    }

    [Fact]
    public void A_refused_name_is_explained()
    {
        _tokens.Refusal = "You already have 25 tokens. Revoke one you no longer use first.";
        var card = RenderCard();

        card.Find("input").Input("One more");
        card.Find("[data-testid=create-token]").Click();

        card.WaitForAssertion(() =>
            Assert.Equal(_tokens.Refusal, card.Find("[data-testid=token-error]").TextContent.Trim()));
        Assert.Empty(card.FindAll("[data-testid=new-token]"));
    }
}
