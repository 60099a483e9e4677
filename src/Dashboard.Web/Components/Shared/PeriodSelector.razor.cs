using Dashboard.Core.Analytics;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>Week, month, quarter, year, all time, or a custom range of days.</summary>
public partial class PeriodSelector
{
    private DayRangePicker? _picker;
    private DateRange? _range;
    private bool _picking;

    /// <summary>The selected period.</summary>
    [Parameter, EditorRequired]
    public PeriodSelection Value { get; set; } = PeriodSelection.Month;

    [Parameter]
    public EventCallback<PeriodSelection> ValueChanged { get; set; }

    protected override void OnParametersSet()
    {
        if (Value is { Period: Period.Custom, From: { } from, To: { } to })
        {
            _range = new DateRange(from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue));
        }
    }

    private static string Label(Period period) => period switch
    {
        Period.AllTime => "All time",
        _ => period.ToString(),
    };

    private async Task SelectAsync(Period period)
    {
        if (period == Period.Custom)
        {
            // A custom range needs its days first: open the picker and change nothing until they are chosen.
            _picking = true;
            await InvokeAsync(StateHasChanged);
            if (_picker is not null)
            {
                await _picker.OpenAsync();
            }
            return;
        }
        _picking = false;
        await ValueChanged.InvokeAsync(PeriodSelection.Of(period));
    }

    private async Task PickAsync(DateRange? range)
    {
        _range = range;
        if (range is { Start: { } start, End: { } end })
        {
            _picking = false;
            await ValueChanged.InvokeAsync(
                PeriodSelection.Between(DateOnly.FromDateTime(start), DateOnly.FromDateTime(end)));
        }
    }
}
