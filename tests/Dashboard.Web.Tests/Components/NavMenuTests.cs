using Bunit;
using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class NavMenuTests : DashboardComponentTest
{
    [Fact]
    public async Task The_links_to_pages_with_a_period_carry_the_one_chosen_last()
    {
        var menu = Render<NavMenu>();
        Assert.Equal(["/", "/top", "/trend", "/charts", "/habits", "/history"], Links(menu).Take(6));

        await menu.InvokeAsync(() =>
            Chosen.RememberAsync(PeriodSelection.Between(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31))));

        menu.WaitForAssertion(() => Assert.Equal(
            ["/?period=custom&from=2025-01-01&to=2025-03-31", "/top?period=custom&from=2025-01-01&to=2025-03-31",
                "/trend?period=custom&from=2025-01-01&to=2025-03-31", "/charts",
                "/habits?period=custom&from=2025-01-01&to=2025-03-31", "/history"],
            Links(menu).Take(6)));
    }

    private static IEnumerable<string?> Links(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => a.GetAttribute("href"));
}
