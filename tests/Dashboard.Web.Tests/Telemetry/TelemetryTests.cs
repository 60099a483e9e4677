using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Hosting;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Tests.Telemetry;

/// <summary>
/// Runs alone: the product's meter is one per process, so an import in a test running beside these would count too.
/// </summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>
/// An app with an OTLP endpoint set, as an operator sets it, whose traces and metrics also go to in-memory exporters
/// the tests read. The endpoint takes nothing (a closed port); sending to it fails quietly and quickly.
/// </summary>
public sealed class TelemetryApp() : AppFixture(new DashboardFactory
{
    Settings = new Dictionary<string, string>(QuietSchedule)
    {
        [TelemetryExtensions.EndpointVariable] = "http://127.0.0.1:9",
        ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "500",
    },
    ConfigureServices = services => services
        .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(ExportedActivities))
        .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(ExportedMetrics)),
})
{
    // Static, as the fixture's base is built before its fields; one app of this kind runs at a time (see the
    // collection).
    private static readonly Exported<Activity> ExportedActivities = [];
    private static readonly Exported<MetricSnapshot> ExportedMetrics = [];

    public Exported<Activity> Activities => ExportedActivities;
    public Exported<MetricSnapshot> Metrics => ExportedMetrics;
}

/// <summary>
/// What an exporter hands over from the app's threads, read by the test as a copy taken under the same lock.
/// </summary>
public sealed class Exported<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public List<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public int Count => Snapshot().Count;
    public bool IsReadOnly => false;
    public bool Contains(T item) => Snapshot().Contains(item);
    public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);
    public bool Remove(T item) => throw new NotSupportedException();
    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests(TelemetryApp app) : IClassFixture<TelemetryApp>
{
    private const string EfCoreSource = "OpenTelemetry.Instrumentation.EntityFrameworkCore";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_API_request_is_traced_with_its_database_commands_under_it()
    {
        using var client = await TokenClientAsync("traced");

        var response = await client.GetAsync("/api/v1/analytics/overview", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = await WaitForAsync(() => Snapshot().SingleOrDefault(a =>
            a.Kind == ActivityKind.Server && a.GetTagItem("url.path") as string == "/api/v1/analytics/overview"));
        Assert.Equal("GET /api/v1/analytics/overview", request.DisplayName);
        var queries = Snapshot().Where(a => a.Source.Name == EfCoreSource && a.TraceId == request.TraceId).ToList();
        Assert.NotEmpty(queries);
        Assert.All(queries,
            query => Assert.True(IsUnder(query, request), $"{query.DisplayName} is not under the request"));
    }

    [Fact]
    public async Task An_import_that_ends_counts_once_with_its_records_by_outcome()
    {
        using var client = await TokenClientAsync("imported");
        using var form = new MultipartFormDataContent();
        var file =
            new ByteArrayContent(
                await File.ReadAllBytesAsync(Sample("spotify-export/extended/Streaming_History_Audio_2024_4.json"),
                    Ct));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "Streaming_History_Audio_2024_4.json");

        var response = await client.PostAsync("/api/v1/history/import", form, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("job_id").GetString();
        await WaitForAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/history/import/{jobId}", Ct)).GetProperty("status")
            .GetString() == "completed");
        // The import is recorded as it ends, a moment after its status is stored: wait for the count, then read it.
        var meters = app.Factory.Services.GetRequiredService<MeterProvider>();
        await WaitForAsync(() =>
        {
            // Its answer is false, for the OTLP exporter beside the in-memory one cannot reach its closed port.
            meters.ForceFlush();
            return Sum("dashboard.imports", "completed") > 0 ? "counted" : null;
        });
        // The sample's 3,328 records, all read by the one import that ran in this app.
        Assert.Equal(1, Sum("dashboard.imports", "completed"));
        Assert.Equal(3328, Sum("dashboard.import.records", "completed"));
        Assert.Equal(0, Sum("dashboard.imports", "failed"));
        // The import ran as a Quartz job, traced through Quartz's own activity source.
        await WaitForAsync(() =>
            Snapshot().FirstOrDefault(a => a is { Source.Name: "Quartz", DisplayName: "Quartz.Job.Execute" }
            && a.GetTagItem("quartz.job.name") as string == "import"
                && a.GetTagItem("quartz.job.result") as string == "succeeded"));
    }

    private async Task<HttpClient> TokenClientAsync(string name)
    {
        var userId = await app.Factory.AddUserAsync(TestListeners.UniqueId(name));
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await app.Factory.CreateTokenAsync(userId));
        return client;
    }

    /// <summary>
    /// The last exported total of a counter for one outcome (counters are cumulative: the last is the total).
    /// </summary>
    private long Sum(string metric, string outcome)
    {
        var last = app.Metrics.Snapshot().LastOrDefault(m => m.Name == metric);
        if (last is null)
        {
            return 0;
        }
        long sum = 0;
        foreach (var point in last.MetricPoints)
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == "outcome" && Equals(tag.Value, outcome))
                {
                    sum += point.GetSumLong();
                }
            }
        }
        return sum;
    }

    private List<Activity> Snapshot() => app.Activities.Snapshot();

    private static bool IsUnder(Activity activity, Activity ancestor)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }
        return activity.ParentSpanId == ancestor.SpanId;
    }

    /// <summary>
    /// Waits until the app has done what the test waits for: an activity ends after the answer is sent, not before.
    /// </summary>
    private static async Task<T> WaitForAsync<T>(Func<T?> found) where T : class
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (found() is { } value)
            {
                return value;
            }
            await Task.Delay(20, Ct);
        }
        throw new TimeoutException("The app did not get there in 30 seconds.");
    }

    private static async Task WaitForAsync(Func<Task<bool>> done)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The import did not end in 60 seconds.");
            }
            await Task.Delay(100, Ct);
        }
    }

    private static string Sample(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(directory!.FullName, "tests", "samples")))
        {
            directory = directory.Parent;
        }
        return Path.Combine(directory.FullName, "tests", "samples", relative);
    }
}
