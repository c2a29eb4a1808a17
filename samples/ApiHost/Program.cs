using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using OpenTelemetry;
using OpenTelemetry.Trace;

// The CpanelSessionOps HTTP API in a plain ASP.NET Core app: the same endpoints as the Functions app, mapped with one call.
// Callers sign in with JWT bearer tokens (Microsoft Entra ID: section Authentication:Schemes:Bearer), or send an application
// key (section Api); policy grants them (section Policy).
var builder = WebApplication.CreateBuilder(args);

// The cPanel server: from the Aspire app host (or any) connection string "cpanel", else the Fleet section.
if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("cpanel")))
{
    builder.AddCpanelSessionOps("cpanel");
}
else
{
    builder.Services.AddCpanelSessionOps(builder.Configuration);
}

builder.Services.AddCpanelSessionOpsApi(builder.Configuration.GetSection("Api"));
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
builder.Services.AddAuthorization();
builder.Services.AddRateLimiter(options =>
{
    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    options.AddPolicy("cpanel-session-ops", context => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) }));
});

// One trace from the request through minting to cPanel: ASP.NET Core's server spans and the product's own source (the HTTP
// client's spans are left out on purpose: they would carry login URLs).
var telemetry = builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource("CpanelSessionOps"))
    .WithMetrics(metrics => metrics.AddMeter("CpanelSessionOps"));
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    telemetry.UseOtlpExporter();
}

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapCpanelSessionOps("/api").RequireRateLimiting("cpanel-session-ops");
app.Run();

namespace CpanelSessionOps.Samples.ApiHost
{
    /// <summary>Names this assembly for WebApplicationFactory (the top-level Program is global and not unique across samples).</summary>
    public sealed class ApiHostEntryPoint;
}
