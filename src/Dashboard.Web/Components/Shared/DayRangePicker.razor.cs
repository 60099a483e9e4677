using Dashboard.Core.Accounts;
using Dashboard.Core.Analytics;
using Dashboard.Core.Listening;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// A range of the listener's days, as every page picks one: weeks from Monday, as the weekly charts count them; no day
/// after today on the listener's clock, since no play comes later; opening on the months of a year, from where a click
/// picks any month, or on the year any year; in the English of every figure.
/// </summary>
public partial class DayRangePicker : IDisposable
{
    /// <summary>The week's first day in every date picker, as in the weekly charts.</summary>
    public const DayOfWeek FirstDayOfWeek = DayOfWeek.Monday;

    /// <summary>The first day on offer: the first day an address or the API accepts.</summary>
    private static readonly DateTime FirstDay = AcceptedDates.First.ToDateTime(TimeOnly.MinValue);

    private readonly CancellationTokenSource _disposed = new();
    private MudDateRangePicker? _picker;
    private DateTime? _today;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The chosen days; null when none are.</summary>
    [Parameter] public DateRange? DateRange { get; set; }

    [Parameter] public EventCallback<DateRange?> DateRangeChanged { get; set; }

    /// <summary>The field's label, e.g. "Days".</summary>
    [Parameter, EditorRequired] public string Label { get; set; } = "";

    /// <summary>Whether the field has a button that clears the days. Defaults to false.</summary>
    [Parameter] public bool Clearable { get; set; }

    [Parameter] public string? Class { get; set; }

    /// <summary>Attributes for the fields, e.g. a data-testid.</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IDictionary<string, object>? Attributes { get; set; }

    protected override async Task OnInitializedAsync()
    {
        // Until the listener's zone is read, the latest today anywhere on Earth (UTC+14) bounds the days.
        _today = Clock.GetUtcNow().UtcDateTime.AddHours(14).Date;
        var zone = await Accounts.GetTimeZoneAsync(await CurrentUser.GetIdAsync(), _disposed.Token);
        _today = LocalTime.Today(Clock, zone).ToDateTime(TimeOnly.MinValue);
    }

    /// <summary>Opens the calendar, for a page that asks for days before it changes anything.</summary>
    public Task OpenAsync() => _picker?.OpenAsync() ?? Task.CompletedTask;

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
