using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.Cpanel.Internal;

/// <summary>Stops every emulator when the app host stops, releasing its ports.</summary>
internal sealed class CpanelEmulatorLifetime(DistributedApplicationModel model) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var resource in model.Resources.OfType<CpanelServerResource>())
        {
            if (resource.Emulator is { } emulator)
            {
                await emulator.StopAsync().ConfigureAwait(false);
            }
        }
    }
}
