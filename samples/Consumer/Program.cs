using CpanelSessionOps;
using CpanelSessionOps.Checks;
using OpenTelemetry;

// A small service that mints and verifies webmail sessions on the servers the app host references: "cpanel" joins the
// application's fleet (every domain), "cpanel-eu" is a fleet of its own under that key. The client integration reads
// their connection strings and registers minting, health checks, tracing and metrics.
var builder = WebApplication.CreateBuilder(args);
builder.AddCpanelSessionOps("cpanel");
builder.AddKeyedCpanelSessionOps("cpanel-eu");
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    builder.Services.AddOpenTelemetry().UseOtlpExporter();
}

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapGet("/check/{mailbox}", (string mailbox, DeployCheckRunner checks, CancellationToken cancellationToken) =>
    CheckAsync(checks, mailbox, cancellationToken));
app.MapGet("/eu/check/{mailbox}", (string mailbox, [FromKeyedServices("cpanel-eu")] DeployCheckRunner checks, CancellationToken cancellationToken) =>
    CheckAsync(checks, mailbox, cancellationToken));
app.Run();

static async Task<IResult> CheckAsync(DeployCheckRunner checks, string mailbox, CancellationToken cancellationToken)
{
    var result = (await checks.RunAsync([mailbox], new CallerIdentity(CallerKind.Name, "consumer"), MintChannel.Http,
        new DeployCheckOptions(), cancellationToken: cancellationToken))[0];
    return Results.Json(new CheckResponse(result.Mailbox, result.Ok, (long)result.Latency.TotalMilliseconds, result.ErrorClass, result.Message));
}

internal sealed record CheckResponse(string Mailbox, bool Ok, long LatencyMs, string? ErrorClass, string? Message);
