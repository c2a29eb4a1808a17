using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly.Registry;

namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>
/// Named <see cref="IHttpClientFactory"/> clients, one per certificate-trust policy: API clients with the resilience
/// pipeline (timeouts, bounded jittered retries), login clients with a timeout only (a session logs in once).
/// </summary>
internal sealed class CpanelHttpClients(IServiceProvider services) : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    public const string ApiPrefix = "CpanelSessionOps.Cpanel/";
    public const string LoginPrefix = "CpanelSessionOps.CpanelLogin/";
    public const string PipelineName = "CpanelSessionOps.Cpanel";

    private readonly ConcurrentDictionary<string, CertificateTrust> _policies = new(StringComparer.Ordinal);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CpanelServer, ClientNames> _names = new();
    private IHttpClientFactory? _httpClientFactory;

    private IHttpClientFactory HttpClientFactory => _httpClientFactory ??= services.GetRequiredService<IHttpClientFactory>();

    public HttpClient CreateApiClient(CpanelServer server) => Create(ApiPrefix, server);

    public HttpClient CreateLoginClient(CpanelServer server) => Create(LoginPrefix, server);

    public void Configure(string? name, HttpClientFactoryOptions options)
    {
        if (name is null)
        {
            return;
        }

        var isApi = name.StartsWith(ApiPrefix, StringComparison.Ordinal);
        if (!isApi && !name.StartsWith(LoginPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var trust = _policies[name[(isApi ? ApiPrefix : LoginPrefix).Length..]];
        var clientOptions = services.GetRequiredService<IOptions<CpanelClientOptions>>().Value;
        // Belt and braces: credentials are added inside the primary handler (CredentialHandler), out of the loggers' sight.
        options.ShouldRedactHeaderValue = static _ => true;
        options.HttpClientActions.Add(client => client.Timeout = isApi ? Timeout.InfiniteTimeSpan : clientOptions.LoginTimeout);
        options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            builder.PrimaryHandler = new CredentialHandler(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = clientOptions.AttemptTimeout,
                SslOptions = { RemoteCertificateValidationCallback = (_, certificate, chain, errors) => trust.Validate(certificate, chain, errors) },
            });
            if (isApi)
            {
                var pipeline = services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline<HttpResponseMessage>(PipelineName);
                builder.AdditionalHandlers.Add(new ResilienceHandler(pipeline));
            }
        });
    }

    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

    private HttpClient Create(string prefix, CpanelServer server)
    {
        // A server's trust settings are init-only: work out its policy and client names once per server, not per call.
        if (!_names.TryGetValue(server, out var names))
        {
            var trust = CertificateTrust.For(server);
            _policies.TryAdd(trust.Key, trust);
            names = _names.GetValue(server, _ => new ClientNames(ApiPrefix + trust.Key, LoginPrefix + trust.Key));
        }

        return HttpClientFactory.CreateClient(ReferenceEquals(prefix, ApiPrefix) ? names.Api : names.Login);
    }

    private sealed record ClientNames(string Api, string Login);
}
