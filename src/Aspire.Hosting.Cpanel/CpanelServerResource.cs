using Aspire.Hosting.Cpanel.Internal;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A cPanel &amp; WHM server that services mint sessions on: a real server described by parameters
/// (<c>AddCpanelServer</c> (<see cref="CpanelServerResourceBuilderExtensions"/>)), or, in run mode, the CpanelSessionOps emulator
/// hosted in the app host (<see cref="CpanelEmulatorResourceBuilderExtensions.RunAsEmulator"/>,
/// <see cref="CpanelEmulatorResourceBuilderExtensions.AddCpanelEmulator"/>). Services get it as a connection string
/// (<c>ConnectionStrings__NAME</c>) through Aspire's <c>WithReference</c>; its format is in docs/aspire.md.
/// </summary>
public sealed class CpanelServerResource : Resource, IResourceWithConnectionString, IResourceWithEndpoints
{
    // The one definition is Core's CpanelServer.DefaultCpanelPort (and its WHM and Webmail siblings). This package keeps a
    // copy because referencing Core would pull the minting library and the Azure SDK into every app host;
    // CpanelServerResourceTests.AddCpanelServer_NoPortsGiven_UsesCoresDefaultPorts fails when the two disagree.

    /// <summary>The default cPanel (UAPI) port of a real server.</summary>
    public const int DefaultCpanelPort = 2083;

    /// <summary>The default WHM port of a real server.</summary>
    public const int DefaultWhmPort = 2087;

    /// <summary>The default Webmail port of a real server.</summary>
    public const int DefaultWebmailPort = 2096;

    /// <summary>Creates a server resource; use the builder extensions rather than this constructor.</summary>
    /// <param name="name">The resource name, also the connection string's name.</param>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="token">The API token (or password), a secret parameter.</param>
    public CpanelServerResource(string name, ParameterResource host, ParameterResource token)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(token);
        Host = host;
        Token = token;
    }

    /// <summary>Creates a server resource whose token stays where it lives (Key Vault, an environment variable): the
    /// connection string carries only the reference.</summary>
    /// <param name="name">The resource name, also the connection string's name.</param>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="secretReference">Where the consuming service reads the token: <c>keyvault:NAME</c>, a Key Vault secret
    /// URI or <c>env:NAME</c>.</param>
    public CpanelServerResource(string name, ParameterResource host, string secretReference)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretReference);
        Host = host;
        SecretReference = secretReference;
    }

    // An emulator-only resource (AddCpanelEmulator in run mode) has no real server behind it.
    internal CpanelServerResource(string name)
        : base(name)
    {
    }

    /// <summary>The server's host name or address; null for a resource that is only ever the emulator.</summary>
    public ParameterResource? Host { get; }

    /// <summary>The API token (or password for <see cref="CpanelAuthKind.Password"/>), a secret parameter; null for a
    /// resource that is only ever the emulator.</summary>
    public ParameterResource? Token { get; }

    /// <summary>Where the consuming service reads the token (<c>keyvault:NAME</c>, a secret URI, <c>env:NAME</c>), when
    /// the token is not a parameter.</summary>
    public string? SecretReference { get; }

    /// <summary>How the token authenticates. Default <see cref="CpanelAuthKind.WhmToken"/>.</summary>
    public CpanelAuthKind AuthKind { get; internal set; } = CpanelAuthKind.WhmToken;

    /// <summary>The user the token belongs to: <c>root</c> (default) or a reseller for WHM tokens, the cPanel account otherwise.</summary>
    public string UserName { get; internal set; } = "root";

    /// <summary>The cPanel (UAPI) port. Default 2083.</summary>
    public int CpanelPort { get; internal set; } = DefaultCpanelPort;

    /// <summary>The WHM port. Default 2087.</summary>
    public int WhmPort { get; internal set; } = DefaultWhmPort;

    /// <summary>The Webmail port. Default 2096.</summary>
    public int WebmailPort { get; internal set; } = DefaultWebmailPort;

    /// <summary>SHA-256 certificate fingerprints to pin (comma-separated), for a self-signed certificate; none when null.</summary>
    public ParameterResource? CertificatePins { get; internal set; }

    /// <summary>The path, on the consuming service's machine, of a PEM file of CA certificates to trust; none when null.</summary>
    public ParameterResource? CaBundlePath { get; internal set; }

    /// <summary>Whether this resource runs as the emulator (run mode only; publishing always describes the real server).</summary>
    public bool IsEmulator => Emulator is not null;

    /// <summary>The emulator's cPanel (UAPI) endpoint (only when <see cref="IsEmulator"/>).</summary>
    public EndpointReference CpanelEndpoint => new(this, CpanelEmulatorResourceBuilderExtensions.CpanelEndpointName);

    /// <summary>The emulator's WHM endpoint (only when <see cref="IsEmulator"/>).</summary>
    public EndpointReference WhmEndpoint => new(this, CpanelEmulatorResourceBuilderExtensions.WhmEndpointName);

    /// <summary>The emulator's Webmail endpoint (only when <see cref="IsEmulator"/>).</summary>
    public EndpointReference WebmailEndpoint => new(this, CpanelEmulatorResourceBuilderExtensions.WebmailEndpointName);

    /// <summary>The emulator's plain-HTTP admin endpoint (only when <see cref="IsEmulator"/>).</summary>
    public EndpointReference AdminEndpoint => new(this, CpanelEmulatorResourceBuilderExtensions.AdminEndpointName);

    internal CpanelEmulatorInstance? Emulator { get; set; }

    /// <summary>
    /// <c>Host=…;CpanelPort=…;WhmPort=…;WebmailPort=…;Auth=…;UserName=…;Token=…|Secret=…[;Pins=…][;CaBundlePath=…]</c>,
    /// the token percent-encoded. For the emulator the host and ports are its endpoints and the pin its certificate's, known
    /// when it starts; otherwise every value comes from the parameters, so no secret is written anywhere.
    /// </summary>
    public ReferenceExpression ConnectionStringExpression => Emulator is { } emulator
        ? ReferenceExpression.Create(
            $"Host={CpanelEndpoint.Property(EndpointProperty.Host)};CpanelPort={CpanelEndpoint.Property(EndpointProperty.Port)};WhmPort={WhmEndpoint.Property(EndpointProperty.Port)};WebmailPort={WebmailEndpoint.Property(EndpointProperty.Port)};Auth={CpanelAuthKind.WhmToken.ToString()};UserName={emulator.UserName};Token={emulator.TokenValue:uri};Pins={emulator.PinValue}")
        : RealServerConnectionString();

    private ReferenceExpression RealServerConnectionString()
    {
        if (Host is null || (Token is null && SecretReference is null))
        {
            throw new InvalidOperationException($"cPanel resource '{Name}' is an emulator that has not been set up; add it with AddCpanelEmulator or AddCpanelServer.");
        }

        var builder = new ReferenceExpressionBuilder();
        builder.AppendLiteral("Host=");
        builder.AppendFormatted(Host);
        builder.AppendLiteral(FormattableString.Invariant($";CpanelPort={CpanelPort};WhmPort={WhmPort};WebmailPort={WebmailPort};Auth={AuthKind};UserName={UserName}"));
        if (Token is not null)
        {
            builder.AppendLiteral(";Token=");
            builder.AppendFormatted(Token, "uri");
        }
        else
        {
            builder.AppendLiteral(";Secret=" + SecretReference);
        }

        if (CertificatePins is not null)
        {
            builder.AppendLiteral(";Pins=");
            builder.AppendFormatted(CertificatePins);
        }

        if (CaBundlePath is not null)
        {
            builder.AppendLiteral(";CaBundlePath=");
            builder.AppendFormatted(CaBundlePath);
        }

        return builder.Build();
    }
}
