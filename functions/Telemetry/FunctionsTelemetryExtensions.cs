using Azure.Monitor.OpenTelemetry.Exporter;
using CpanelSessionOps.Diagnostics;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;

namespace CpanelSessionOps.Functions.Telemetry;

/// <summary>Exports the product's traces, metrics and logs from the isolated worker.</summary>
public static class FunctionsTelemetryExtensions
{
    /// <summary>The app setting that sends telemetry to Application Insights (Azure Monitor).</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The standard OpenTelemetry setting that sends telemetry to an OTLP collector.</summary>
    public const string OtlpSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard OpenTelemetry setting choosing OTLP's transport: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public const string OtlpProtocolSetting = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>
    /// Subscribes OpenTelemetry to the <c>CpanelSessionOps</c> ActivitySource and Meter and to the worker's own
    /// function-invocation telemetry, exporting to Azure Monitor when <see cref="AzureMonitorSetting"/> is set and to OTLP
    /// when <see cref="OtlpSetting"/> is; both may be set. Without either, nothing leaves the process (the subscriptions stay,
    /// so an exporter added in code, as the tests do, sees everything).
    /// </summary>
    /// <remarks>
    /// Only the product's own sources are subscribed, not the HTTP client instrumentation: the login check's GET carries the
    /// session in its query, and the product's spans carry curated tags (server, function, outcome) that hold no secret.
    /// </remarks>
    public static OpenTelemetryBuilder AddCpanelSessionOpsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOpenTelemetry();
        builder.ConfigureResource(static resource => resource.AddService("CpanelSessionOps.Functions"))
            .WithTracing(static tracing => tracing.AddSource(CpanelSessionOpsTelemetry.Name))
            .WithMetrics(static metrics => metrics.AddMeter(CpanelSessionOpsTelemetry.Name))
            .UseFunctionsWorkerDefaults();
        if (!string.IsNullOrWhiteSpace(configuration[AzureMonitorSetting]))
        {
            builder.UseAzureMonitorExporter(options => options.ConnectionString = configuration[AzureMonitorSetting]);
        }

        if (configuration[OtlpSetting] is { Length: > 0 } endpoint)
        {
            // Read here, not left to the SDK, so the settings come from the app's configuration wherever it was built.
            var protocol = string.Equals(configuration[OtlpProtocolSetting], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"{OtlpSetting} must be an absolute http or https URL, e.g. http://localhost:4317.");
            }

            builder.UseOtlpExporter(protocol, baseUrl);
        }

        return builder;
    }
}
