using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Cpanel.Internal;
using CpanelSessionOps.Emulator.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// Runs the CpanelSessionOps cPanel &amp; WHM emulator for development: hosted in the app host's process (nothing to
/// install), started when the app runs, never written to a manifest.
/// </summary>
public static class CpanelEmulatorResourceBuilderExtensions
{
    internal const string CpanelEndpointName = "cpanel";
    internal const string WhmEndpointName = "whm";
    internal const string WebmailEndpointName = "webmail";
    internal const string AdminEndpointName = "admin";
    private const string FaultsProperty = "cpanel.faults";

    /// <summary>The name of the dashboard command that makes every request to the emulator answer HTTP 503.</summary>
    public const string InjectHttp503Command = "inject-503";

    /// <summary>The name of the dashboard command that removes every injected fault.</summary>
    public const string ClearFaultsCommand = "clear-faults";

    /// <summary>
    /// Adds a cPanel server that is the emulator when the app runs. When the app host is published, it is a real server
    /// whose host and WHM token are the deployment parameters <c>NAME-host</c> and <c>NAME-token</c> (secret), so the
    /// manifest holds neither the emulator nor a secret. For more control over the real server, use
    /// <c>AddCpanelServer</c> (<see cref="CpanelServerResourceBuilderExtensions"/>) with <see cref="RunAsEmulator"/>.
    /// </summary>
    /// <param name="builder">The app host builder.</param>
    /// <param name="name">The resource name, also the connection string's name.</param>
    public static IResourceBuilder<CpanelServerResource> AddCpanelEmulator(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddCpanelServer(name, builder.AddParameter($"{name}-host"), builder.AddParameter($"{name}-token", secret: true));
        }

        return CpanelServerResourceBuilderExtensions.AddServer(builder, new CpanelServerResource(name)).RunAsEmulator();
    }

    /// <summary>
    /// Runs the emulator in place of this server when the app runs (the server's parameters are then not needed); when
    /// the app host is published, this does nothing and the real server is described. The emulator has HTTPS endpoints
    /// <c>cpanel</c>, <c>whm</c> and <c>webmail</c>, a plain-HTTP <c>admin</c> endpoint, a health check (the admin
    /// endpoint's <c>/health</c>, red while faults are injected) and the dashboard commands "Inject 503" and "Clear faults".
    /// Its self-signed certificate is made when it starts and pinned in the connection string.
    /// </summary>
    /// <param name="builder">The server.</param>
    /// <param name="configure">Further emulator settings (<see cref="WithSeedFile"/>, <see cref="WithEmulatorPorts"/>), applied in run mode only.</param>
    public static IResourceBuilder<CpanelServerResource> RunAsEmulator(
        this IResourceBuilder<CpanelServerResource> builder, Action<IResourceBuilder<CpanelServerResource>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        var resource = builder.Resource;
        if (resource.Emulator is null)
        {
            var instance = new CpanelEmulatorInstance(resource.Name);
            resource.Emulator = instance;
            var healthCheckKey = $"{resource.Name}_cpanel_emulator";
            builder.ApplicationBuilder.Services.AddHealthChecks().AddCheck(healthCheckKey, new CpanelEmulatorHealthCheck(instance));
            builder.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CpanelEmulatorLifetime>());
            builder
                .WithHttpsEndpoint(name: CpanelEndpointName, isProxied: false)
                .WithHttpsEndpoint(name: WhmEndpointName, isProxied: false)
                .WithHttpsEndpoint(name: WebmailEndpointName, isProxied: false)
                .WithHttpEndpoint(name: AdminEndpointName, isProxied: false)
                .WithHealthCheck(healthCheckKey)
                .WithCommand(InjectHttp503Command, "Inject 503", async context =>
                {
                    instance.InjectFault(FaultKind.Http503);
                    await PublishFaultsAsync(context, resource, instance).ConfigureAwait(false);
                    return CommandResults.Success();
                }, new CommandOptions
                {
                    Description = "Every request to the emulator answers HTTP 503, as cPanel does during an upgrade, until faults are cleared.",
                    IconName = "ErrorCircle",
                    UpdateState = context => EnabledWhenRunning(context, instance),
                })
                .WithCommand(ClearFaultsCommand, "Clear faults", async context =>
                {
                    instance.ClearFaults();
                    await PublishFaultsAsync(context, resource, instance).ConfigureAwait(false);
                    return CommandResults.Success();
                }, new CommandOptions
                {
                    Description = "Removes every injected fault: the emulator answers normally again.",
                    IconName = "CheckmarkCircle",
                    UpdateState = context => EnabledWhenRunning(context, instance),
                });
        }

        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>Serves the accounts, mailboxes and WHM users of a seed file (format in docs/emulator.md) instead of the
    /// built-in demo data; services mint with its first WHM user that has a token (root first). A relative path is
    /// resolved against the app host's directory. A bad file stops the emulator with a message naming the entry.</summary>
    /// <exception cref="InvalidOperationException">The resource does not run as the emulator.</exception>
    public static IResourceBuilder<CpanelServerResource> WithSeedFile(this IResourceBuilder<CpanelServerResource> builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        EmulatorOf(builder).SeedPath = Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory);
        return builder;
    }

    /// <summary>Fixes the emulator's ports (each defaults to any free port on loopback).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A port is not 0 to 65535.</exception>
    /// <exception cref="InvalidOperationException">The resource does not run as the emulator.</exception>
    public static IResourceBuilder<CpanelServerResource> WithEmulatorPorts(
        this IResourceBuilder<CpanelServerResource> builder, int cpanelPort = 0, int whmPort = 0, int webmailPort = 0, int adminPort = 0)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (name, port) in new[] { (nameof(cpanelPort), cpanelPort), (nameof(whmPort), whmPort), (nameof(webmailPort), webmailPort), (nameof(adminPort), adminPort) })
        {
            if (port is < 0 or > 65535)
            {
                throw new ArgumentOutOfRangeException(name, port, $"{name} must be 0 (any free port) to 65535.");
            }
        }

        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        var instance = EmulatorOf(builder);
        instance.CpanelPort = cpanelPort;
        instance.WhmPort = whmPort;
        instance.WebmailPort = webmailPort;
        instance.AdminPort = adminPort;
        return builder;
    }

    private static CpanelEmulatorInstance EmulatorOf(IResourceBuilder<CpanelServerResource> builder) =>
        builder.Resource.Emulator ?? throw new InvalidOperationException(
            $"cPanel server '{builder.Resource.Name}' does not run as the emulator: call RunAsEmulator() first, or add it with AddCpanelEmulator.");

    // The faults shown as a property; the update also makes Aspire check the resource's health again now rather than
    // at its next slow (30 s) check of a healthy resource.
    private static Task PublishFaultsAsync(ExecuteCommandContext context, CpanelServerResource resource, CpanelEmulatorInstance instance)
    {
        var faults = instance.Running?.Faults.Rules ?? [];
        var text = faults.Count == 0 ? "none" : string.Join(", ", faults.Select(f => $"{f.Kind} on {f.Function}"));
        return context.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(resource, s => s with
        {
            Properties = [.. s.Properties.Where(p => p.Name != FaultsProperty), new ResourcePropertySnapshot(FaultsProperty, text)],
        });
    }

    private static ResourceCommandState EnabledWhenRunning(UpdateCommandStateContext context, CpanelEmulatorInstance instance) =>
        instance.Running is not null && context.ResourceSnapshot.State?.Text == KnownResourceStates.Running
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled;
}
