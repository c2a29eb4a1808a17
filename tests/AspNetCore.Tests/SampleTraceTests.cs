using System.Diagnostics;
using CpanelSessionOps.AspNetCore.Tests.Support;
using CpanelSessionOps.Emulator.Hosting;
using OpenTelemetry.Trace;

namespace CpanelSessionOps.AspNetCore.Tests;

/// <summary>
/// The sample host's telemetry, as the Aspire dashboard receives it when the app host runs <c>samples/ApiHost</c>: one trace
/// from the HTTP request through minting to the cPanel call. Its own tracer provider is read with an in-memory exporter.
/// </summary>
public sealed class SampleTraceTests
{
    [Fact]
    public async Task Mint_OnTheSampleHost_IsOneTraceFromTheRequestThroughMintingToTheCpanelCall()
    {
        var (traceId, callerSpanId) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var exported = new ExportedSpanCollection(traceId, callerSpanId);
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(HostKind.Sample, emulator,
            testServices: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported)));

        var response = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""",
            headers: new Dictionary<string, string>
            {
                ["X-Api-Key"] = TestSettings.PortalKey,
                ["traceparent"] = $"00-{traceId}-{callerSpanId}-01",
            });
        // A hang guard only: the server span is exported when the request ends, which may be after the client has the answer.
        var spans = await exported.RequestEnded.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(201, response.Status);
        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.ParentSpanId == callerSpanId);
        var mint = Assert.Single(spans, s => s.DisplayName == "mint link");
        Assert.Equal(request.SpanId, mint.ParentSpanId);
        var calls = spans.Where(s => s.Kind == ActivityKind.Client).ToList();
        Assert.Contains(calls, s => s.DisplayName == "create_user_session" && s.Source.Name == "CpanelSessionOps");
        Assert.All(calls, call => Assert.Contains(mint.SpanId, AncestorsOf(call, spans)));
        // Only the product's spans and the request's: the HTTP client's would carry login URLs.
        Assert.All(spans, s => Assert.True(s.Kind == ActivityKind.Server || s.Source.Name == "CpanelSessionOps", s.Source.Name + " " + s.DisplayName));
        var session = response.Json.GetProperty("form").GetProperty("body").GetString()!;
        Assert.All(spans.SelectMany(s => s.TagObjects), tag => Assert.DoesNotContain("cpsess", tag.Value?.ToString() ?? "", StringComparison.Ordinal));
        Assert.All(spans.SelectMany(s => s.TagObjects), tag => Assert.DoesNotContain(session, tag.Value?.ToString() ?? "", StringComparison.Ordinal));
    }

    private static IEnumerable<ActivitySpanId> AncestorsOf(Activity span, IReadOnlyList<Activity> spans)
    {
        for (var parent = span.ParentSpanId; spans.FirstOrDefault(s => s.SpanId == parent) is { } found; parent = found.ParentSpanId)
        {
            yield return found.SpanId;
        }
    }
}
