using System.Diagnostics;
using System.Diagnostics.Metrics;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Diagnostics;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Core.Tests.Cpanel;

public sealed class CpanelTelemetryTests
{
    [Fact]
    public async Task Calls_SuccessAndRefusal_AreCountedTimedAndTracedByFunctionAndOutcome()
    {
        await using var server = await EmulatedServer.StartAsync();
        var measurements = new List<(string Instrument, string? Function, string? Outcome)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CpanelSessionOpsTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = tags.ToArray();
            if (all.Any(t => t.Key == "cpanel.server" && (string?)t.Value == server.Server.Name))
            {
                lock (measurements)
                {
                    measurements.Add((instrument.Name, (string?)all.Single(t => t.Key == "cpanel.function").Value, (string?)all.Single(t => t.Key == "outcome").Value));
                }
            }
        }

        meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        meters.Start();
        var activities = new List<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CpanelSessionOpsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((string?)activity.GetTagItem("cpanel.server") == server.Server.Name)
                {
                    lock (activities)
                    {
                        activities.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(tracing);

        await server.Client(EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync();
        await Assert.ThrowsAsync<CpanelApiException>(() => server.Client(EmulatedServer.DemoToken)
            .CreateWebmailSessionForMailUserAsync(new MailUserSessionRequest("nobody", "example.com")));

        Assert.Contains(("cpanel_session_ops.cpanel.calls", "create_webmail_session_for_self", "success"), measurements);
        Assert.Contains(("cpanel_session_ops.cpanel.call.duration", "create_webmail_session_for_self", "success"), measurements);
        Assert.Contains(("cpanel_session_ops.cpanel.calls", "create_webmail_session_for_mail_user", "api"), measurements);
        Assert.Equal(2, activities.Count);
        Assert.Contains(activities, a => a.OperationName == "create_webmail_session_for_mail_user" && a.Status == ActivityStatusCode.Error);
        Assert.Contains(activities, a => a.OperationName == "create_webmail_session_for_self" && a.Status != ActivityStatusCode.Error);
    }
}
