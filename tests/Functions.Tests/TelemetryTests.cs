using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>Listeners on the product's ActivitySource and Meter are process-wide: run alone so counts are exact.</summary>
[CollectionDefinition(nameof(SerialTelemetry), DisableParallelization = true)]
public sealed class SerialTelemetry;

[Collection(nameof(SerialTelemetry))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task MintOverHttp_ExportsTheMintSpanWithItsChildrenAndTheMintedMetric_WithoutSecrets()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var host = await FunctionsHost.StartAsync(configureServices: services => services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
            .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics)));
        // A host starts these providers; the in-process host resolves them the same way.
        var tracerProvider = host.Services.GetRequiredService<TracerProvider>();
        var meterProvider = host.Services.GetRequiredService<MeterProvider>();

        var bodies = new List<string>();
        foreach (var correlationId in new[] { "telemetry-1", "telemetry-2" })
        {
            var request = host.Request("POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""", headers: new Dictionary<string, string>
            {
                ["X-Api-Key"] = FunctionsHost.PortalKey,
                ["X-Correlation-Id"] = correlationId,
            });
            var response = await FunctionsHost.ExecuteAsync(request, await host.Function<WebmailSessionsFunction>().RunAsync(request, CancellationToken.None));
            Assert.Equal(201, response.Status);
            bodies.Add(response.Body);
        }

        Assert.True(tracerProvider.ForceFlush(10_000));
        Assert.True(meterProvider.ForceFlush(10_000));

        var mint = Assert.Single(spans, s => s.DisplayName == "mint link" && Equals(s.GetTagItem("correlation.id"), "telemetry-1"));
        var children = spans.Where(s => s.ParentSpanId == mint.SpanId).Select(s => s.DisplayName).ToHashSet();
        Assert.Superset(new HashSet<string> { "validate", "authorize", "create_user_session", "audit" }, children);
        var call = Assert.Single(spans, s => s.ParentSpanId == mint.SpanId && s.DisplayName == "create_user_session");
        Assert.Equal(ActivityKind.Client, call.Kind);

        var minted = Assert.Single(metrics, m => m.Name == "cpanel_session_ops.links.minted");
        long count = 0;
        foreach (ref readonly var point in minted.GetMetricPoints())
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            if (Equals(tags["kind"], "Webmail") && Equals(tags["channel"], "Http"))
            {
                count += point.GetSumLong();
            }
        }

        Assert.Equal(2, count);

        // No attribute, event or status text of any exported span carries a secret.
        var secrets = bodies.SelectMany(body =>
        {
            var json = System.Text.Json.JsonDocument.Parse(body).RootElement;
            var url = json.GetProperty("loginUrl").GetString()!;
            return new[] { url, Uri.UnescapeDataString(url[(url.IndexOf("session=", StringComparison.Ordinal) + 8)..]) };
        }).Append(DefaultSeed.RootToken).ToList();
        var exported = spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")
            .Concat(s.Events.Select(e => e.Name)).Append(s.StatusDescription ?? "").Append(s.DisplayName));
        foreach (var text in exported)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task OtlpEndpointSet_ExportsTracesAndMetricsToIt()
    {
        var paths = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.Run(context =>
        {
            paths.Enqueue(context.Request.Path.Value!);
            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        });
        await collector.StartAsync();
        var endpoint = collector.Urls.Single();

        await using var host = await FunctionsHost.StartAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var tracerProvider = host.Services.GetRequiredService<TracerProvider>();
        var meterProvider = host.Services.GetRequiredService<MeterProvider>();
        var request = host.Request("POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""");
        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<WebmailSessionsFunction>().RunAsync(request, CancellationToken.None));
        Assert.Equal(201, response.Status);

        Assert.True(tracerProvider.ForceFlush(30_000));
        Assert.True(meterProvider.ForceFlush(30_000));
        Assert.Contains("/v1/traces", paths);
        Assert.Contains("/v1/metrics", paths);
    }

    [Fact]
    public async Task ApplicationInsightsConnectionStringSet_ConfiguresTheAzureMonitorExporterWithIt()
    {
        const string connectionString = "InstrumentationKey=00000000-0000-0000-0000-0000000000a1;IngestionEndpoint=https://ingestion.invalid/";
        await using var host = await FunctionsHost.StartAsync(new() { ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = connectionString });
        Assert.NotNull(host.Services.GetRequiredService<TracerProvider>());

        var options = host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(connectionString, options.ConnectionString);
    }

    [Fact]
    public async Task NoExporterSetting_LeavesTheAzureMonitorExporterUnconfigured()
    {
        await using var host = await FunctionsHost.StartAsync();
        Assert.Null(host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName).ConnectionString);
    }

    [Theory]
    [InlineData("localhost:4317")]
    [InlineData("ftp://collector")]
    public async Task OtlpEndpointNotAnHttpUrl_FailsAtStartNamingTheSetting(string endpoint)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsHost.StartAsync(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint }));
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", error.Message, StringComparison.Ordinal);
    }
}
