using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Cpanel.Internal;

/// <summary>Starts a resource's emulator when Aspire initialises it, and reports its endpoints and state to Aspire.</summary>
internal static partial class CpanelEmulatorStarter
{
    public static async Task StartAsync(
        CpanelServerResource resource, CpanelEmulatorInstance instance, InitializeResourceEvent e, CancellationToken cancellationToken)
    {
        var logger = e.Logger;
        await e.Notifications.PublishUpdateAsync(resource, s => s with { ResourceType = "CpanelEmulator", State = KnownResourceStates.Starting })
            .ConfigureAwait(false);
        CpanelSessionOps.Emulator.Hosting.CpanelEmulator emulator;
        try
        {
            emulator = await instance.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStartFailed(logger, ex.Message);
            await e.Notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
            return;
        }

        var ports = new Dictionary<string, Uri>(StringComparer.Ordinal)
        {
            [CpanelEmulatorResourceBuilderExtensions.CpanelEndpointName] = emulator.CpanelUri,
            [CpanelEmulatorResourceBuilderExtensions.WhmEndpointName] = emulator.WhmUri,
            [CpanelEmulatorResourceBuilderExtensions.WebmailEndpointName] = emulator.WebmailUri,
            [CpanelEmulatorResourceBuilderExtensions.AdminEndpointName] = emulator.AdminUri,
        };
        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
        {
            if (ports.TryGetValue(endpoint.Name, out var uri))
            {
                endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, uri.Host, uri.Port);
            }
        }

        await e.Eventing.PublishAsync(new ResourceEndpointsAllocatedEvent(resource, e.Services), cancellationToken).ConfigureAwait(false);
        await e.Eventing.PublishAsync(new BeforeResourceStartedEvent(resource, e.Services), cancellationToken).ConfigureAwait(false);
        LogListening(logger, emulator.CpanelUri, emulator.WhmUri, emulator.WebmailUri, emulator.AdminUri, emulator.CertificateSha256);
        await e.Notifications.PublishUpdateAsync(resource, s => s with
        {
            State = KnownResourceStates.Running,
            StartTimeStamp = DateTime.UtcNow,
            Urls = [.. ports.Select(p => new UrlSnapshot(p.Key, p.Value.ToString(), IsInternal: false))],
            Properties = [.. s.Properties.Where(p => p.Name != "cpanel.certificateSha256"), new ResourcePropertySnapshot("cpanel.certificateSha256", emulator.CertificateSha256)],
        }).ConfigureAwait(false);
        await e.Eventing.PublishAsync(new ConnectionStringAvailableEvent(resource, e.Services), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Error, "The cPanel emulator did not start: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Information, "cPanel emulator listening: cPanel {Cpanel}, WHM {Whm}, Webmail {Webmail}, admin {Admin}; certificate SHA-256 {Fingerprint}")]
    private static partial void LogListening(ILogger logger, Uri cpanel, Uri whm, Uri webmail, Uri admin, string fingerprint);
}
