using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using CpanelSessionOps.Credentials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Testing;

/// <summary>
/// A Key Vault-compatible HTTPS endpoint on loopback that speaks the real protocol to the real <see cref="SecretClient"/>:
/// the bearer challenge (401 with <c>WWW-Authenticate: Bearer authorization=..., resource=...</c>), <c>GET /secrets/{name}</c>
/// and <c>/secrets/{name}/{version}</c> with Key Vault's JSON, 404 SecretNotFound, 403, 429 with Retry-After, and 5xx.
/// </summary>
public sealed class LocalKeyVault : IAsyncDisposable
{
    public const string Token = "local-key-vault-test-token";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentDictionary<string, List<(string Version, string Value)>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(int Status, int? RetryAfterSeconds)> _faults = new();
    private int _secretReads;

    private LocalKeyVault(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public Uri VaultUri { get; private set; } = null!;

    /// <summary>Authorized secret GETs answered so far (any status): what a Key Vault bill would count.</summary>
    public int SecretReads => Volatile.Read(ref _secretReads);

    /// <summary>Whether requests are refused with 403 (the identity lacks get permission).</summary>
    public bool DenyAll { get; set; }

    public static async Task<LocalKeyVault> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var vault = new LocalKeyVault(app, certificate);
        app.Run(vault.HandleAsync);
        await app.StartAsync();
        vault.VaultUri = new Uri(app.Urls.Single() + "/");
        return vault;
    }

    /// <summary>Adds a new version of a secret (the latest is what a GET without version returns).</summary>
    public string SetSecret(string name, string value)
    {
        var version = Guid.NewGuid().ToString("N");
        _secrets.AddOrUpdate(name, _ => [(version, value)], (_, list) => { lock (list) { list.Add((version, value)); } return list; });
        return version;
    }

    /// <summary>Answers the next <paramref name="count"/> authorized secret GETs with <paramref name="status"/>.</summary>
    public void FailNext(int status, int count = 1, int? retryAfterSeconds = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue((status, retryAfterSeconds));
        }
    }

    public void ClearFaults() => _faults.Clear();

    /// <summary>Store options whose real <see cref="SecretClient"/> talks to this vault: pinned TLS, the test token,
    /// challenge resource verification off (the resource is not a vault.azure.net host), short retry delays.</summary>
    public void Configure(SecretStoreOptions options)
    {
        var fingerprint = _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        options.VaultUri = VaultUri;
        options.TokenCredential = new TestTokenCredential();
        options.ConfigureClientOptions = client =>
        {
            client.DisableChallengeResourceVerification = true;
            client.Retry.MaxRetries = 2;
            client.Retry.Delay = TimeSpan.FromMilliseconds(10);
            client.Retry.MaxDelay = TimeSpan.FromSeconds(2);
            client.Transport = new HttpClientTransport(new HttpClient(new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString(HashAlgorithmName.SHA256) == fingerprint,
                },
            }));
        };
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate =
                "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"";
            return;
        }

        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        if (!HttpMethods.IsGet(context.Request.Method) || segments.Length is not (2 or 3) || segments[0] != "secrets" ||
            string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            await ErrorAsync(context, 400, "BadParameter", "The request URI contains an invalid name or api-version.");
            return;
        }

        Interlocked.Increment(ref _secretReads);
        if (DenyAll)
        {
            await ErrorAsync(context, 403, "Forbidden",
                $"Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'.");
            return;
        }

        if (_faults.TryDequeue(out var fault))
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await ErrorAsync(context, fault.Status, fault.Status == 429 ? "Throttled" : "InternalServerError",
                fault.Status == 429 ? "Request was not processed because too many requests were received." : "The service is unavailable.");
            return;
        }

        var name = segments[1];
        (string Version, string Value)? found = null;
        if (_secrets.TryGetValue(name, out var versions))
        {
            lock (versions)
            {
                found = segments.Length == 3 ? versions.Find(v => v.Version == segments[2]) is { Version: not null } v2 ? v2 : null : versions[^1];
            }
        }

        if (found is not { } secret)
        {
            await ErrorAsync(context, 404, "SecretNotFound",
                $"A secret with (name/id) {name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command.");
            return;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["value"] = secret.Value,
            ["id"] = $"{VaultUri}secrets/{name}/{secret.Version}",
            ["attributes"] = new Dictionary<string, object>
            {
                ["enabled"] = true,
                ["created"] = now,
                ["updated"] = now,
                ["recoveryLevel"] = "Recoverable+Purgeable",
                ["recoverableDays"] = 90,
            },
            ["tags"] = new Dictionary<string, string>(),
        }));
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }));
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    /// <summary>Gives the token the vault expects, as a managed identity would give a real one.</summary>
    private sealed class TestTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
