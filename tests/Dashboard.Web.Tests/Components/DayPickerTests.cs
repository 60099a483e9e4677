using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// The date pickers (this the custom range's; History's days and Reports' day have theirs beside their pages' tests):
/// weeks from Monday, as the weekly charts have them; no day after the listener's today, on
/// their clock; and a jump to any month or year.
/// </summary>
[NoDatabase]
public sealed class DayPickerTests : DashboardComponentTest
{
    /// <summary>
    /// 05:00 on Tuesday 10 March 2026 in UTC, still Monday 9 March on the listener's clock in Los Angeles.
    /// </summary>
    internal static readonly DateTimeOffset Now = new(2026, 3, 10, 5, 0, 0, TimeSpan.Zero);

    internal const string Zone = "America/Los_Angeles";

    public DayPickerTests()
    {
        Services.AddSingleton<UserAccounts>(new FakeAccounts(zone: Zone));
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
    }

    [Fact]
    public async Task The_custom_range_opens_on_the_months_of_its_year_to_jump_to_any_month_or_year()
    {
        var picker = await OpenAsync(PeriodSelection.Between(new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 8)));

        picker.WaitForAssertion(() => Assert.NotEmpty(picker.FindAll(".mud-picker-month")));
        Assert.Equal("2026", picker.Find(".mud-picker-calendar-header-transition").TextContent.Trim());
        // The months after the listener's today cannot be chosen.
        Assert.Equal(["Jan", "Feb", "Mar"], picker.FindAll(".mud-picker-month:not([disabled])").Select(Text));
        // The year opens the list of years.
        await picker.Find(".mud-picker-calendar-header-transition").ClickAsync(new());
        picker.WaitForAssertion(() => Assert.NotEmpty(picker.FindAll(".mud-picker-year")));
    }

    [Fact]
    public async Task The_custom_range_starts_weeks_on_Monday_and_offers_no_day_after_the_listeners_today()
    {
        var picker = await OpenAsync(PeriodSelection.Between(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8)));

        await ExpectMarchUpToAsync(picker, lastDay: 9);
    }

    /// <summary>
    /// From an open picker's months of 2026, shows March: its weeks from Monday, and only its days up to
    /// <paramref name="lastDay"/>, the listener's today, on offer.
    /// </summary>
    internal static async Task ExpectMarchUpToAsync<T>(IRenderedComponent<T> picker, int lastDay)
        where T : IComponent
    {
        picker.WaitForAssertion(() => Assert.NotEmpty(picker.FindAll(".mud-picker-month")));
        await picker.FindAll(".mud-picker-month").Single(month => Text(month) == "Mar").ClickAsync(new());
        picker.WaitForAssertion(() => Assert.NotEmpty(picker.FindAll(".mud-day-label")));

        // A range shows two months side by side, a single day one: the first is March.
        var march = picker.FindAll(".mud-picker-calendar-container")[0];
        Assert.Equal("March 2026", Text(march.QuerySelector(".mud-button-month")!));
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            march.QuerySelectorAll(".mud-day-label").Select(Text));
        // 1 March 2026 is a Sunday, the last day of the first week, after six of February's, hidden.
        Assert.Equal("1", Text(march.QuerySelectorAll("button.mud-picker-calendar-day")[6]));
        var days = march.QuerySelectorAll("button.mud-picker-calendar-day:not(.mud-hidden)").ToList();
        Assert.Equal(Enumerable.Range(1, lastDay).Select(day => day.ToString(CultureInfo.InvariantCulture)),
            days.Where(day => !day.HasAttribute("disabled")).Select(Text));
    }

    private async Task<IRenderedComponent<PeriodSelector>> OpenAsync(PeriodSelection selection)
    {
        SignIn();
        var selector = Render<PeriodSelector>(parameters => parameters.Add(p => p.Value, selection));
        await selector.InvokeAsync(() => selector.FindComponent<MudDateRangePicker>().Instance.OpenAsync());
        return selector;
    }

    private static string Text(IElement element) => element.TextContent.Trim();
}
