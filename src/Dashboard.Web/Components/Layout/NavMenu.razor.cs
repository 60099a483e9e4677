using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Layout;

public partial class NavMenu : IDisposable
{
    [Inject] private ChosenPeriod Chosen { get; set; } = default!;

    protected override void OnInitialized() => Chosen.Changed += OnPeriodChosen;

    /// <summary>A page with a period opens on the one chosen last, so moving between pages keeps it.</summary>
    private string WithPeriod(string path) => Chosen.Link(path);

    private void OnPeriodChosen() => InvokeAsync(StateHasChanged);

    public void Dispose() => Chosen.Changed -= OnPeriodChosen;
}
