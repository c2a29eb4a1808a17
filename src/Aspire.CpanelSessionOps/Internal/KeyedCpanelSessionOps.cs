using CpanelSessionOps.Audit;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Aspire.Internal;

/// <summary>
/// One keyed server's own minting stack (a fleet of that one server, its client, policy, rate limits and audit trail) in a
/// container of its own, so several servers never share or overwrite each other's fleet settings. Logging and the clock
/// come from the application; policy, audit and client settings from its <c>Policy</c>, <c>Audit</c> and <c>Cpanel</c>
/// sections.
/// </summary>
internal sealed class KeyedCpanelSessionOps : IAsyncDisposable, IDisposable
{
    private readonly ServiceProvider _services;

    public KeyedCpanelSessionOps(IServiceProvider application, IConfiguration configuration, Action<FleetOptions> configureFleet)
    {
        var services = new ServiceCollection();
        services.AddSingleton(application.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(application.GetService<TimeProvider>() ?? TimeProvider.System);
        services.AddCpanelSessionOps().ConfigureFleet(configureFleet).AddDeployChecks();
        services.Configure<SecretStoreOptions>(configuration.GetSection("Fleet:Secrets"));
        services.AddCpanelClient(configuration.GetSection("Cpanel"));
        services.Configure<MintPolicyOptions>(configuration.GetSection("Policy"));
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // No host starts this container, so validate now: a bad setting fails on first use with its message.
        _ = _services.GetRequiredService<IOptions<FleetOptions>>().Value;
        _ = _services.GetRequiredService<IOptions<CpanelClientOptions>>().Value;
        _ = _services.GetRequiredService<IOptions<MintPolicyOptions>>().Value;
        _ = _services.GetRequiredService<IOptions<AuditOptions>>().Value;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    public void Dispose() => _services.Dispose();
}
