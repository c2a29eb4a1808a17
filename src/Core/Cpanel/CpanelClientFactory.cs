using CpanelSessionOps.Cpanel.Internal;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Cpanel;

/// <summary>Creates <see cref="CpanelClient"/>s over the pooled, resilient HTTP pipeline that
/// <see cref="Microsoft.Extensions.DependencyInjection.CpanelSessionOpsServiceCollectionExtensions.AddCpanelClient(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/> registers.</summary>
public sealed class CpanelClientFactory
{
    private readonly CpanelHttpClients _httpClients;
    private readonly ILogger<CpanelClient> _logger;
    private readonly TimeProvider _timeProvider;

    internal CpanelClientFactory(CpanelHttpClients httpClients, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _httpClients = httpClients;
        // Once: creating a logger per client costs a type name and a lookup on every call.
        _logger = (loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory))).CreateLogger<CpanelClient>();
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>A client for <paramref name="server"/> that authenticates with <paramref name="credential"/>.</summary>
    public CpanelClient CreateClient(CpanelServer server, CpanelCredential credential) =>
        new(server ?? throw new ArgumentNullException(nameof(server)), credential,
            _httpClients.CreateApiClient(server), _logger, _timeProvider);
}
