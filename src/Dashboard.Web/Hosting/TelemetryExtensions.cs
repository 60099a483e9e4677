using Dashboard.Core.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Traces and metrics through OpenTelemetry, sent over OTLP to where the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// says (the other standard <c>OTEL_*</c> variables set the protocol, headers and the rest). Without that variable
/// nothing is registered: no activity is recorded, no metric is kept, nothing is sent.
/// </summary>
public static class TelemetryExtensions
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Quartz's own activity source: no OpenTelemetry instrumentation package for Quartz is served here.
    /// </summary>
    private const string QuartzActivitySource = "Quartz";

    public static IServiceCollection AddDashboardTelemetry(this IServiceCollection services,
        IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointVariable]))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dashboard"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                // On PostgreSQL, Npgsql's own spans: the commands and their waits under EF Core's.
                .AddNpgsql()
                .AddSource(QuartzActivitySource))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(DashboardMetrics.MeterName))
            .UseOtlpExporter();
        return services;
    }
}
