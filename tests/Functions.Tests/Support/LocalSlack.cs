using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Functions.Tests.Support;

/// <summary>
/// Stands in for every HTTPS host a Slack <c>response_url</c> may name (hooks.slack.com, an attacker's host): one TLS
/// listener on loopback, reached by the app's real response_url client through a connect callback, so the client's own
/// settings (no redirects, https, port) are what the tests exercise. A path can be told to answer a redirect.
/// </summary>
public sealed class LocalSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly System.Threading.Channels.Channel<(string Host, string Path, string Body)> _arrivals =
        System.Threading.Channels.Channel.CreateUnbounded<(string Host, string Path, string Body)>();

    private LocalSlack(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    /// <summary>The name of the app's response_url HTTP client.</summary>
    public const string ResponseClientName = "CpanelSessionOps.SlackResponse";

    public int Port { get; private set; }

    /// <summary>Every request that reached the listener: the Host it was meant for, the path and the body.</summary>
    public ConcurrentQueue<(string Host, string Path, string Body)> Requests { get; } = new();

    /// <summary>Paths that answer with a redirect (status, Location).</summary>
    public ConcurrentDictionary<string, (int Status, string Location)> Redirects { get; } = new(StringComparer.Ordinal);

    /// <summary>Connections the client opened, by the host and port it asked for.</summary>
    public ConcurrentQueue<string> Connections { get; } = new();

    public static async Task<LocalSlack> StartAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=hooks.slack.com", key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var slack = new LocalSlack(app, certificate);
        app.Run(slack.HandleAsync);
        await app.StartAsync();
        slack.Port = new Uri(app.Urls.Single()).Port;
        return slack;
    }

    /// <summary>Waits for the next request (a hang guard of 30 s, never a timing assumption).</summary>
    public Task<(string Host, string Path, string Body)> NextRequestAsync() => _arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Routes the app's response_url client to this listener (whatever host it asks for) and trusts its certificate.</summary>
    public void Attach(IServiceCollection services) =>
        services.AddHttpClient(ResponseClientName).ConfigurePrimaryHttpMessageHandler((handler, _) =>
        {
            var sockets = (SocketsHttpHandler)handler;
            sockets.ConnectCallback = async (context, cancellationToken) =>
            {
                Connections.Enqueue($"{context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}");
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            };
            sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        });

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var path = context.Request.Path.Value ?? "";
        var seen = (context.Request.Host.Host, path, body);
        Requests.Enqueue(seen);
        _arrivals.Writer.TryWrite(seen);
        if (Redirects.TryGetValue(path, out var redirect))
        {
            context.Response.StatusCode = redirect.Status;
            context.Response.Headers.Location = redirect.Location;
            return;
        }

        context.Response.StatusCode = 200;
        await context.Response.WriteAsync("ok");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
