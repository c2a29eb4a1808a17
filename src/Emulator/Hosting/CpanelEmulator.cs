using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Internal;
using CpanelSessionOps.Emulator.Protocol;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>
/// A cPanel &amp; WHM server on loopback: UAPI on the cPanel listener, WHM API 1 on the WHM listener, session logins on
/// the Webmail listener, each over HTTPS with a self-signed certificate, plus a plain-HTTP admin listener.
/// Start one with <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
public sealed class CpanelEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SessionStore _sessions;
    private readonly Dictionary<Listener, ListenOptions> _listeners;
    private volatile bool _passwordFailureAsLoginPage;
    private volatile int _loginFailureStatusCode;
    private volatile int _loginRedirect;
    private bool _ownsCertificate;

    private CpanelEmulator(
        WebApplication app, Dictionary<Listener, ListenOptions> listeners, SessionStore sessions, FaultInjector faults,
        RequestLog requests, X509Certificate2 certificate, CpanelEmulatorOptions options)
    {
        _app = app;
        _listeners = listeners;
        _sessions = sessions;
        Faults = faults;
        Requests = requests;
        Certificate = certificate;
        CertificateSha256 = SelfSignedCertificate.Sha256Fingerprint(certificate);
        HostName = options.HostName;
        _passwordFailureAsLoginPage = options.PasswordFailureAsLoginPage;
        _loginFailureStatusCode = options.LoginFailureStatusCode;
        _loginRedirect = (int)options.LoginRedirect;
    }

    /// <summary>The cPanel listener, e.g. <c>https://127.0.0.1:41234/</c>; UAPI is at <c>execute/Module/function</c>.</summary>
    public Uri CpanelUri => UriOf(Listener.Cpanel, "https");

    /// <summary>The WHM listener; WHM API 1 is at <c>json-api/function?api.version=1</c>.</summary>
    public Uri WhmUri => UriOf(Listener.Whm, "https");

    /// <summary>The Webmail listener, where webmail sessions log in.</summary>
    public Uri WebmailUri => UriOf(Listener.Webmail, "https");

    /// <summary>The plain-HTTP admin listener (faults, settings, sessions, requests).</summary>
    public Uri AdminUri => UriOf(Listener.Admin, "http");

    /// <summary>The host name the certificate is for.</summary>
    public string HostName { get; }

    /// <summary>The self-signed server certificate (public part and key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The SHA-256 fingerprint of the certificate's DER bytes, upper-case hex without separators.</summary>
    public string CertificateSha256 { get; }

    /// <summary>The certificate in PEM form (no private key), for clients that trust a CA file.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Faults to inject into matching requests; changes apply to the next request.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The recent requests, redacted.</summary>
    public RequestLog Requests { get; }

    /// <summary>Every session minted so far (most recent 100,000), without their secrets.</summary>
    public IReadOnlyList<EmulatedSession> Sessions => _sessions.Snapshot();

    /// <summary>Whether a refused password login answers HTTP 200 with the HTML login page instead of 401.</summary>
    public bool PasswordFailureAsLoginPage
    {
        get => _passwordFailureAsLoginPage;
        set => _passwordFailureAsLoginPage = value;
    }

    /// <summary>The status of the login page for a failed session login: 401 or 200.</summary>
    public int LoginFailureStatusCode
    {
        get => _loginFailureStatusCode;
        set => _loginFailureStatusCode = value is 200 or 401
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "LoginFailureStatusCode must be 200 or 401.");
    }

    /// <summary>Where a successful login's 307 points; changes apply to the next login.</summary>
    public LoginRedirectTarget LoginRedirect
    {
        get => (LoginRedirectTarget)_loginRedirect;
        set => _loginRedirect = Enum.IsDefined(value)
            ? (int)value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "LoginRedirect must be ThemePage or SessionRoot.");
    }

    /// <summary>Starts an emulator and returns once all listeners accept connections.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="SeedException">The seed is invalid; the message names the entry.</exception>
    /// <exception cref="IOException">A fixed port is already in use.</exception>
    public static async Task<CpanelEmulator> StartAsync(CpanelEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CpanelEmulatorOptions();
        options.Validate();
        var directory = new EmulatorDirectory(options.Seed ?? DefaultSeed.Create());
        var ownsCertificate = options.Certificate is null;
        var certificate = options.Certificate ?? SelfSignedCertificate.Create(options.HostName);
        var sessions = new SessionStore(options.TimeProvider, options.SessionsAreSingleUse);
        var faults = new FaultInjector();
        var requests = new RequestLog(options.RequestLogCapacity);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(CpanelEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        var listeners = new Dictionary<Listener, ListenOptions>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
            foreach (var (listener, port) in new[]
                     {
                         (Listener.Cpanel, options.CpanelPort), (Listener.Whm, options.WhmPort),
                         (Listener.Webmail, options.WebmailPort), (Listener.Admin, options.AdminPort),
                     })
            {
                kestrel.Listen(IPAddress.Loopback, port, listen =>
                {
                    listeners[listener] = listen;
                    listen.Protocols = HttpProtocols.Http1;
                    if (listener != Listener.Admin)
                    {
                        listen.UseHttps(certificate);
                    }

                    // Tag each connection with its listener, so routing does not depend on port numbers known only after binding.
                    listen.Use(next => connection =>
                    {
                        connection.Items[typeof(Listener)] = listener;
                        return next(connection);
                    });
                });
            }
        });

        var app = builder.Build();
        CpanelEmulator? emulator = null;
        var authenticator = new Authenticator(directory, options.TimeProvider);
        var handler = new EmulatorRequestHandler(
            authenticator,
            new UapiSessionEndpoint(directory, sessions),
            new WhmSessionEndpoint(directory, sessions, service => emulator!.PortOf(service), options.HostName, new WhmAccountEndpoint(directory)),
            new LoginEndpoint(directory, sessions, () => emulator!.LoginFailureStatusCode, () => emulator!.LoginRedirect, service => emulator!.PortOf(service)),
            faults, requests, options.TimeProvider, () => emulator!.PasswordFailureAsLoginPage);
        AdminEndpoint? admin = null;
        app.Run(context =>
        {
            var listener = context.Features.Get<IConnectionItemsFeature>()?.Items[typeof(Listener)] as Listener? ?? Listener.Cpanel;
            return listener == Listener.Admin ? admin!.HandleAsync(context) : handler.HandleAsync(context, listener);
        });

        emulator = new CpanelEmulator(app, listeners, sessions, faults, requests, certificate, options) { _ownsCertificate = ownsCertificate };
        admin = new AdminEndpoint(emulator);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            if (ownsCertificate)
            {
                certificate.Dispose();
            }

            throw;
        }

        return emulator;
    }

    /// <summary>Makes a self-signed server certificate (ECDSA P-256, with its key) for <paramref name="hostName"/>,
    /// <c>localhost</c>, 127.0.0.1 and ::1, as the emulator does at start; a host can make one first to know the
    /// fingerprint up front and hand it in through <see cref="CpanelEmulatorOptions.Certificate"/>.</summary>
    public static X509Certificate2 CreateCertificate(string hostName = "cpanel.test") => SelfSignedCertificate.Create(hostName);

    /// <summary>Writes the certificate as PEM to <paramref name="path"/>.</summary>
    public Task WriteCertificatePemAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, CertificatePem, cancellationToken);

    /// <summary>Writes <c>{"cpanelUrl","whmUrl","webmailUrl","adminUrl","certificateSha256"}</c> to <paramref name="path"/>.</summary>
    public Task WriteInfoFileAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, JsonSerializer.Serialize(
            new EmulatorInfo(CpanelUri.ToString(), WhmUri.ToString(), WebmailUri.ToString(), AdminUri.ToString(), CertificateSha256),
            AdminJsonContext.Default.EmulatorInfo), cancellationToken);

    /// <summary>Stops listening and releases the listeners.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownsCertificate)
        {
            Certificate.Dispose();
        }
    }

    internal int PortOf(EmulatedSessionService service) => service switch
    {
        EmulatedSessionService.Webmail => PortOf(Listener.Webmail),
        EmulatedSessionService.Whm => PortOf(Listener.Whm),
        _ => PortOf(Listener.Cpanel),
    };

    private int PortOf(Listener listener) => _listeners[listener].IPEndPoint!.Port;

    private Uri UriOf(Listener listener, string scheme) => new($"{scheme}://127.0.0.1:{PortOf(listener)}/");
}
