using System.Net;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// A page opened without a period, with one chosen earlier in the browser session (its cookie), is answered with a
/// redirect to the address of that period: the first paint shows it, and the page does not change its address once
/// it is running (a browser aborted a request when it did).
/// </summary>
public sealed class ChosenPeriodAddressTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_opened_without_a_period_is_sent_at_once_to_the_one_chosen_in_the_session()
    {
        var cookies = new CookieContainer();
        var client = await app.Factory.SignInAsync(cookies: cookies, waitForHistory: false);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/top", Ct)).StatusCode);
        cookies.Add(new Cookie(ChosenPeriod.CookieName, "2025-01-01..2025-03-31", "/", "localhost"));

        var top = await client.GetAsync("/top", Ct);
        var habits = await client.GetAsync("/habits", Ct);
        var named = await client.GetAsync("/top?period=week", Ct);
        var charts = await client.GetAsync("/charts", Ct);

        Assert.Equal(HttpStatusCode.Redirect, top.StatusCode);
        Assert.Equal("/top?kind=tracks&period=custom&from=2025-01-01&to=2025-03-31",
            top.Headers.Location!.PathAndQuery);
        Assert.Equal("/habits?period=custom&from=2025-01-01&to=2025-03-31", habits.Headers.Location!.PathAndQuery);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (named.StatusCode, charts.StatusCode));
    }
}
