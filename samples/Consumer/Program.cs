using CpanelSessionOps.Checks;
using CpanelSessionOps.Diagnostics;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using OpenTelemetry;

// A small service that mints and verifies webmail sessions. It reads the fleet from configuration, so the app host's
// WithReference(emulator) and a real fleet's settings are interchangeable.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCpanelLinkMinting(builder.Configuration);
builder.Services.AddHealthChecks().AddCpanelFleet();
var telemetry = builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource(CpanelSessionOpsTelemetry.Name))
    .WithMetrics(metrics => metrics.AddMeter(CpanelSessionOpsTelemetry.Name));
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    telemetry.UseOtlpExporter();
}

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapGet("/check/{mailbox}", async (string mailbox, DeployCheckRunner checks, CancellationToken cancellationToken) =>
{
    var result = (await checks.RunAsync([mailbox], new CallerIdentity(CallerKind.Name, "consumer"), MintChannel.Http,
        new DeployCheckOptions(), cancellationToken: cancellationToken))[0];
    return Results.Json(new CheckResponse(result.Mailbox, result.Ok, (long)result.Latency.TotalMilliseconds, result.ErrorClass, result.Message));
});
app.Run();

internal sealed record CheckResponse(string Mailbox, bool Ok, long LatencyMs, string? ErrorClass, string? Message);
