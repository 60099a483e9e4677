using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Graphs;

/// <summary>
/// A graph drawn by ApexCharts. Creates the graph after the first render, updates it when <see cref="Options"/>
/// change and destroys it on disposal. The SVG is hidden from screen readers; <see cref="Label"/> and
/// <see cref="Description"/> are what they read instead.
/// </summary>
/// <remarks>
/// The element says which options the page gave last (<c>data-chart-version</c>, counting the different options given)
/// and the graph script which it has drawn (<c>data-chart-drawn</c>): when the two are equal the graph on screen is the
/// one the page asked for, which browser tests and screenshots wait for.
/// </remarks>
public partial class Graph : IAsyncDisposable
{
    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _chart;
    private string _json = "";
    private int _version;
    private string? _renderedJson;

    // A render while the graph is still being created (the page's data arriving during the script's
    // import) would otherwise create a second graph in the same element.
    private readonly SemaphoreSlim _drawing = new(1, 1);

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The graph's options; a new instance redraws the graph.</summary>
    [Parameter, EditorRequired]
    public GraphOptions Options { get; set; } = default!;

    /// <summary>What the graph shows, in one sentence.</summary>
    [Parameter, EditorRequired]
    public string Label { get; set; } = "";

    /// <summary>The text alternative: a summary or a table of the graph's data.</summary>
    [Parameter]
    public RenderFragment? Description { get; set; }

    protected override void OnParametersSet()
    {
        var json = Options.ToJson();
        if (json != _json)
        {
            _json = json;
            _version++;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await _drawing.WaitAsync();
        try
        {
            // The newest options, which may have come while this waited for an earlier drawing.
            var (json, version) = (_json, _version);
            if (json == _renderedJson)
            {
                return;
            }
            if (_chart is null)
            {
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/apex-chart.js");
                _chart = await _module.InvokeAsync<IJSObjectReference>("create", _element, json, version);
            }
            else
            {
                await _chart.InvokeVoidAsync("update", json, version);
            }
            _renderedJson = json;
        }
        finally
        {
            _drawing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A graph still being created is waited for, so that it is destroyed too.
        await _drawing.WaitAsync();
        try
        {
            if (_chart is not null)
            {
                await _chart.InvokeVoidAsync("destroy");
                await _chart.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone; so is the graph.
        }
        finally
        {
            _drawing.Release();
        }
    }
}
