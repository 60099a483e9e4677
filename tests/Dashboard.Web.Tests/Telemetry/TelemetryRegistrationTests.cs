using Dashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Tests.Telemetry;

/// <summary>OpenTelemetry is there only when an operator names where to send it.</summary>
[NoDatabase]
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void Without_an_OTLP_endpoint_nothing_is_traced_or_measured()
    {
        using var provider = Register(new Dictionary<string, string?>());

        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void With_an_OTLP_endpoint_traces_and_metrics_are_kept()
    {
        using var provider =
            Register(
                new Dictionary<string, string?> { [TelemetryExtensions.EndpointVariable] = "http://127.0.0.1:4318" });

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    private static ServiceProvider Register(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddDashboardTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
