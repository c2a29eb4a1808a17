using CpanelSessionOps.SharedState;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.SharedState;

/// <summary>
/// Says at start-up when rate limits and webhook de-duplication stay in this instance's memory (no <c>SharedState</c>
/// table configured): right for one instance, but Azure Functions scales out, and then every limit is multiplied by the
/// number of instances and a replay that reaches another instance is accepted.
/// </summary>
internal sealed partial class SharedStateStartupWarning(IOptions<SharedStateOptions> options, ILogger<SharedStateStartupWarning> logger) : IHostedService
{
    /// <summary>Whether the app keeps its limits and deliveries per instance (what the warning is about).</summary>
    public bool PerInstance => !options.Value.IsConfigured;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (PerInstance)
        {
            LogPerInstance(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "Rate limits and webhook de-duplication are kept per instance, in memory: with N instances every limit is N times higher and a replay reaching another instance is accepted. Set SharedState:TableServiceUri (or SharedState:TableConnectionString) to share them in Table Storage.")]
    private static partial void LogPerInstance(ILogger logger);
}
