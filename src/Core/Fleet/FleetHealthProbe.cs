using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Cpanel.Internal;
using CpanelSessionOps.Credentials;

namespace CpanelSessionOps.Fleet;

/// <summary>
/// Checks that each server's secret can be read and each server answers HTTPS on its cPanel port (any HTTP answer
/// counts; no API call is made). The report is cached briefly so health probes cannot hammer cPanel or Key Vault.
/// </summary>
public sealed class FleetHealthProbe
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly CpanelFleet _fleet;
    private readonly CpanelHttpClients _http;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private Task<FleetHealthReport>? _current;
    private DateTimeOffset _checkedAt;

    internal FleetHealthProbe(CpanelFleet fleet, CpanelHttpClients http, TimeProvider timeProvider)
    {
        _fleet = fleet;
        _http = http;
        _timeProvider = timeProvider;
    }

    /// <summary>The latest report, at most 30 seconds old; concurrent callers share one check.</summary>
    public Task<FleetHealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_current is null || (_current.IsCompleted && _timeProvider.GetUtcNow() - _checkedAt >= CacheFor))
            {
                _checkedAt = _timeProvider.GetUtcNow();
                _current = RunAsync();
            }

            return _current.WaitAsync(cancellationToken);
        }
    }

    private async Task<FleetHealthReport> RunAsync()
    {
        var names = _fleet.ServerNames.ToList();
        var secrets = await Task.WhenAll(names.Select(CheckSecretAsync)).ConfigureAwait(false);
        var servers = await Task.WhenAll(names.Select(CheckServerAsync)).ConfigureAwait(false);
        var healthy = secrets.All(s => s.Status == SecretHealthStatus.Ok) && servers.All(s => s.Status == ServerHealthStatus.Reachable);
        return new FleetHealthReport(healthy ? FleetHealthStatus.Healthy : FleetHealthStatus.Unhealthy, _timeProvider.GetUtcNow(), secrets, servers);
    }

    private async Task<SecretHealth> CheckSecretAsync(string server)
    {
        try
        {
            await _fleet.GetCredentialAsync(server).ConfigureAwait(false);
            return new SecretHealth(server, SecretHealthStatus.Ok, null);
        }
        catch (SecretStoreException ex)
        {
            return new SecretHealth(server, StatusOf(ex.Failure), ex.Message);
        }
    }

    private async Task<ServerHealth> CheckServerAsync(string name)
    {
        var server = _fleet.GetServer(name);
        var started = _timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(ProbeTimeout, _timeProvider);
        try
        {
            using var response = await _http.CreateLoginClient(server)
                .GetAsync(new Uri($"https://{CpanelClient.UriHost(server.Host)}:{server.CpanelPort}/"), timeout.Token).ConfigureAwait(false);
            return new ServerHealth(name, ServerHealthStatus.Reachable, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            var mapped = CpanelResponseReader.MapException(server, "health", ex, CancellationToken.None);
            var status = mapped is CpanelTransportException { Failure: var failure } ? failure switch
            {
                CpanelTransportFailure.Tls => ServerHealthStatus.UntrustedCertificate,
                CpanelTransportFailure.Timeout => ServerHealthStatus.Timeout,
                _ => ServerHealthStatus.Unreachable,
            } : ServerHealthStatus.Unreachable;
            return new ServerHealth(name, status, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds, mapped?.Message ?? "the probe failed.");
        }
    }

    private static SecretHealthStatus StatusOf(SecretFailure failure) => failure switch
    {
        SecretFailure.NotFound => SecretHealthStatus.NotFound,
        SecretFailure.PermissionDenied => SecretHealthStatus.PermissionDenied,
        SecretFailure.Throttled => SecretHealthStatus.Throttled,
        SecretFailure.Misconfigured => SecretHealthStatus.Misconfigured,
        _ => SecretHealthStatus.Unreachable,
    };
}
