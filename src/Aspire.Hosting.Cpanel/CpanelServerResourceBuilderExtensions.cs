using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Cpanel.Internal;

namespace Aspire.Hosting;

/// <summary>Adds real cPanel &amp; WHM servers to an app host, described by parameters so that no secret is written
/// into the model, the manifest or a deployment.</summary>
public static class CpanelServerResourceBuilderExtensions
{
    /// <summary>
    /// Adds a real cPanel &amp; WHM server. Services that reference it get <c>ConnectionStrings__NAME</c>, built from the
    /// parameters when they start; the manifest carries the parameter references, never their values.
    /// </summary>
    /// <param name="builder">The app host builder.</param>
    /// <param name="name">The resource name, also the connection string's name.</param>
    /// <param name="host">The server's host name, e.g. a parameter <c>web1-host</c>.</param>
    /// <param name="token">The WHM API token (or cPanel token or password, see <see cref="WithCredentialKind"/>): a parameter
    /// made with <c>secret: true</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="token"/> is not a secret parameter.</exception>
    public static IResourceBuilder<CpanelServerResource> AddCpanelServer(
        this IDistributedApplicationBuilder builder, [ResourceName] string name,
        IResourceBuilder<ParameterResource> host, IResourceBuilder<ParameterResource> token)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(token);
        if (!token.Resource.Secret)
        {
            throw new ArgumentException(
                $"The token parameter '{token.Resource.Name}' of cPanel server '{name}' must be secret: add it with builder.AddParameter(\"{token.Resource.Name}\", secret: true).",
                nameof(token));
        }

        return AddServer(builder, new CpanelServerResource(name, host.Resource, token.Resource));
    }

    /// <summary>
    /// Adds a real cPanel &amp; WHM server whose token the consuming service reads itself, from Azure Key Vault
    /// (<c>keyvault:NAME</c> with the service's <c>Fleet:Secrets:VaultUri</c>, or a full secret URI) or its environment
    /// (<c>env:NAME</c>): the token never passes through the app host, the manifest or the connection string.
    /// </summary>
    /// <param name="builder">The app host builder.</param>
    /// <param name="name">The resource name, also the connection string's name.</param>
    /// <param name="host">The server's host name, e.g. a parameter <c>web1-host</c>.</param>
    /// <param name="secretReference">Where the token lives, e.g. <c>keyvault:web1-whm-token</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="secretReference"/> is not <c>keyvault:NAME</c>, a secret URI or
    /// <c>env:NAME</c>.</exception>
    public static IResourceBuilder<CpanelServerResource> AddCpanelServer(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<ParameterResource> host, string secretReference)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(host);
        var reference = secretReference?.Trim() ?? "";
        var isReference = reference.StartsWith("keyvault:", StringComparison.OrdinalIgnoreCase) && reference.Length > "keyvault:".Length
            || reference.StartsWith("env:", StringComparison.OrdinalIgnoreCase) && reference.Length > "env:".Length
            || Uri.TryCreate(reference, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.AbsolutePath.StartsWith("/secrets/", StringComparison.Ordinal);
        if (!isReference || reference.IndexOfAny([';', ' ']) >= 0)
        {
            throw new ArgumentException(
                $"secretReference of cPanel server '{name}' must say where the token lives: keyvault:NAME, https://VAULT.vault.azure.net/secrets/NAME or env:NAME " +
                "(for the token itself use the overload that takes a secret parameter).",
                nameof(secretReference));
        }

        return AddServer(builder, new CpanelServerResource(name, host.Resource, reference));
    }

    /// <summary>Says how the token authenticates and whose it is. Default: a WHM token of <c>root</c>.</summary>
    /// <param name="builder">The server.</param>
    /// <param name="kind">A WHM token (root or a reseller), a cPanel token, or a cPanel password.</param>
    /// <param name="userName">The user the token belongs to: root or a reseller for WHM tokens, the cPanel account otherwise.</param>
    /// <exception cref="ArgumentException"><paramref name="userName"/> is empty or contains <c>;</c>.</exception>
    public static IResourceBuilder<CpanelServerResource> WithCredentialKind(
        this IResourceBuilder<CpanelServerResource> builder, CpanelAuthKind kind, string userName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(userName) || userName.IndexOfAny([';', '=', ' ']) >= 0)
        {
            throw new ArgumentException($"userName “{userName}” is not a cPanel or WHM user name; use one such as root or an account name.", nameof(userName));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "kind must be WhmToken, CpanelToken or Password.");
        }

        builder.Resource.AuthKind = kind;
        builder.Resource.UserName = userName;
        return builder;
    }

    /// <summary>Sets the ports a real server listens on (defaults 2083, 2087, 2096).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A port is not 1 to 65535.</exception>
    public static IResourceBuilder<CpanelServerResource> WithServerPorts(
        this IResourceBuilder<CpanelServerResource> builder,
        int cpanelPort = CpanelServerResource.DefaultCpanelPort,
        int whmPort = CpanelServerResource.DefaultWhmPort,
        int webmailPort = CpanelServerResource.DefaultWebmailPort)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (name, port) in new[] { (nameof(cpanelPort), cpanelPort), (nameof(whmPort), whmPort), (nameof(webmailPort), webmailPort) })
        {
            if (port is < 1 or > 65535)
            {
                throw new ArgumentOutOfRangeException(name, port, $"{name} must be 1 to 65535.");
            }
        }

        builder.Resource.CpanelPort = cpanelPort;
        builder.Resource.WhmPort = whmPort;
        builder.Resource.WebmailPort = webmailPort;
        return builder;
    }

    /// <summary>Pins the server's certificate by SHA-256 fingerprint (for a self-signed certificate): a parameter whose
    /// value is one fingerprint or several separated by commas, hex with or without colons.</summary>
    public static IResourceBuilder<CpanelServerResource> WithCertificatePins(
        this IResourceBuilder<CpanelServerResource> builder, IResourceBuilder<ParameterResource> pins)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(pins);
        builder.Resource.CertificatePins = pins.Resource;
        return builder;
    }

    /// <summary>Trusts the CA certificates in a PEM file for this server: a parameter whose value is the file's path on the
    /// consuming service's machine (e.g. where a secret volume is mounted).</summary>
    public static IResourceBuilder<CpanelServerResource> WithCaBundle(
        this IResourceBuilder<CpanelServerResource> builder, IResourceBuilder<ParameterResource> caBundlePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(caBundlePath);
        builder.Resource.CaBundlePath = caBundlePath.Resource;
        return builder;
    }

    internal static IResourceBuilder<CpanelServerResource> AddServer(IDistributedApplicationBuilder builder, CpanelServerResource resource)
    {
        var server = builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "CpanelServer",
                State = KnownResourceStates.NotStarted,
                Properties = [],
            })
            .WithManifestPublishingCallback(context =>
            {
                // A connection string made of parameter references: the deployment supplies the values.
                context.Writer.WriteString("type", "value.v0");
                context.WriteConnectionString(resource);
            });
        builder.Eventing.Subscribe<InitializeResourceEvent>(resource, (e, cancellationToken) => resource.Emulator is { } emulator
            ? CpanelEmulatorStarter.StartAsync(resource, emulator, e, cancellationToken)
            : e.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with
            {
                // A real server is not run by the app host: it is there as soon as its parameters are.
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            }));
        return server;
    }
}
