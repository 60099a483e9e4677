using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class ChosenPeriodTests : DashboardComponentTest
{
    public static TheoryData<string, PeriodSelection> Kept => new()
    {
        { "year", PeriodSelection.Year },
        { "all_time", PeriodSelection.AllTime },
        { "2025-01-01..2025-03-31", PeriodSelection.Between(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)) },
    };

    [Theory]
    [MemberData(nameof(Kept))]
    public void The_cookie_keeps_a_period_as_it_was_chosen(string cookie, PeriodSelection selection)
    {
        Assert.Equal(cookie, ChosenPeriod.Key(selection));
        Assert.Equal(selection, ChosenPeriod.Parse(cookie));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fortnight")]
    [InlineData("2025-03-31..2025-01-01")]
    [InlineData("1999-01-01..1999-01-31")]
    public void A_cookie_it_cannot_read_remembers_nothing(string? cookie) => Assert.Null(ChosenPeriod.Parse(cookie));

    [Fact]
    public async Task The_cookie_read_when_the_circuit_started_does_not_replace_a_period_chosen_since()
    {
        var chosen = Chosen;
        chosen.Restore("year");
        Assert.Equal(PeriodSelection.Year, chosen.Current);

        await chosen.RememberAsync(PeriodSelection.Week);
        chosen.Restore("year");

        Assert.Equal(PeriodSelection.Week, chosen.Current);
    }
}
