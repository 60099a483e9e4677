using Bunit;
using Dashboard.Web.Components.Graphs;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class GraphTests : DashboardComponentTest
{
    private static readonly GraphOptions Bars = new(new GraphSettings("bar", 240),
        new[] { new GraphSeries("Plays", [new GraphPoint("Mon", 3)]) });

    private readonly ChartScript _script = new();

    public GraphTests() => Services.AddSingleton<IJSRuntime>(_script);

    [Fact]
    public void A_render_while_the_chart_is_being_created_does_not_create_a_second_chart()
    {
        var chart = Render<Graph>(p => p.Add(c => c.Options, Bars).Add(c => c.Label, "Plays per weekday."));
        chart.Render(); // the page renders again (its data or the signed-in user arrived) before the chart exists
        _script.FinishCreating();
        chart.Render();

        chart.WaitForAssertion(() => Assert.Equal(1, _script.Created));
        Assert.Empty(_script.Chart.Calls);
    }

    [Fact]
    public async Task A_chart_whose_component_is_removed_while_it_is_being_created_is_destroyed_once_created()
    {
        Render<Graph>(p => p.Add(c => c.Options, Bars).Add(c => c.Label, "Plays per weekday."));

        var removing = DisposeComponentsAsync(); // the page went back to loading before the chart existed
        _script.FinishCreating();
        await removing;

        Assert.Equal(1, _script.Created);
        Assert.Equal(["destroy"], _script.Chart.Calls.Select(c => c.Identifier));
    }

    [Fact]
    public void New_options_update_the_chart_in_place()
    {
        _script.FinishCreating();
        var chart = Render<Graph>(p => p.Add(c => c.Options, Bars).Add(c => c.Label, "Plays per weekday."));
        chart.Render(p =>
            p.Add(c => c.Options,
                Bars with { Series = new[] { new GraphSeries("Plays", [new GraphPoint("Mon", 5)]) } }));

        Assert.Equal(1, _script.Created);
        var (identifier, arguments) = Assert.Single(_script.Chart.Calls);
        Assert.Equal("update", identifier);
        Assert.Contains("\"y\":5", (string)arguments[0]!);
    }

    /// <summary>The browser's side: imports apex-chart.js, whose <c>create</c> answers when the test says so.</summary>
    private sealed class ChartScript : IJSRuntime, IJSObjectReference
    {
        private readonly TaskCompletionSource<IJSObjectReference> _creating = new();

        public int Created { get; private set; }

        public RecordingObject Chart { get; } = new();

        public void FinishCreating() => _creating.SetResult(Chart);

        public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            switch (identifier)
            {
                case "import" when Equals(args?[0], "./js/apex-chart.js"):
                    return (TValue)(object)this;
                case "create":
                    Created++;
                    return (TValue)await _creating.Task;
                default:
                    throw new InvalidOperationException($"Unexpected call to {identifier}.");
            }
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken,
            object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A JS object that records what it is asked.</summary>
    private sealed class RecordingObject : IJSObjectReference
    {
        public List<(string Identifier, object?[] Arguments)> Calls { get; } = [];

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            Calls.Add((identifier, args ?? []));
            return ValueTask.FromResult(default(TValue)!);
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken,
            object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
