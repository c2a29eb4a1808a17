using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Cpanel;

/// <summary>Creates <see cref="CpanelClient"/>s over the pooled, resilient HTTP pipeline that
/// <see cref="CpanelServiceCollectionExtensions.AddCpanelClient(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/> registers.</summary>
public sealed class CpanelClientFactory
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client for API calls (timeouts and retries).</summary>
    public const string HttpClientName = "CpanelSessionOps.Cpanel";

    /// <summary>The name of the client for login checks (a timeout, no retries: a session logs in once).</summary>
    public const string LoginHttpClientName = "CpanelSessionOps.CpanelLogin";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the factory (normally done by dependency injection).</summary>
    public CpanelClientFactory(IHttpClientFactory httpClientFactory, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>A client for <paramref name="server"/> that authenticates with <paramref name="credential"/>.</summary>
    public CpanelClient CreateClient(CpanelServer server, CpanelCredential credential) =>
        new(server, credential, _httpClientFactory.CreateClient(HttpClientName), _loggerFactory.CreateLogger<CpanelClient>(), _timeProvider);
}
