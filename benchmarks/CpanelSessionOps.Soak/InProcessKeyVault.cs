using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using CpanelSessionOps.Credentials;

namespace CpanelSessionOps.Soak;

/// <summary>
/// Key Vault's secret protocol answered inside the process, under the real <c>SecretClient</c> (its bearer challenge, its
/// retries, Retry-After): <c>GET /secrets/{name}</c> with Key Vault's JSON, and queued faults (5xx, 429 with Retry-After).
/// In process rather than over a socket so that an hour's soak spends its sockets on the cPanel calls it measures.
/// </summary>
internal sealed class InProcessKeyVault : HttpMessageHandler
{
    private const string Token = "soak-key-vault-token";
    private static readonly Uri Vault = new("https://soak-vault.vault.azure.net/");

    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(HttpStatusCode Status, int? RetryAfterSeconds)> _faults = new();
    private long _reads;
    private long _faultsAnswered;

    public long Reads => Interlocked.Read(ref _reads);

    public long FaultsAnswered => Interlocked.Read(ref _faultsAnswered);

    public void SetSecret(string name, string value) => _secrets[name] = value;

    public void FailNext(HttpStatusCode status, int count, int? retryAfterSeconds = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue((status, retryAfterSeconds));
        }
    }

    public void Configure(SecretStoreOptions options)
    {
        options.VaultUri = Vault;
        options.TokenCredential = new StaticToken();
        options.ConfigureClientOptions = client =>
        {
            client.DisableChallengeResourceVerification = true;
            client.Retry.MaxRetries = 2;
            client.Retry.Delay = TimeSpan.FromMilliseconds(10);
            client.Retry.MaxDelay = TimeSpan.FromSeconds(2);
            client.Transport = new HttpClientTransport(new HttpClient(this, disposeHandler: false));
        };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: Token })
        {
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate",
                "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"");
            return Task.FromResult(challenge);
        }

        Interlocked.Increment(ref _reads);
        if (_faults.TryDequeue(out var fault))
        {
            Interlocked.Increment(ref _faultsAnswered);
            var failed = Json(fault.Status, new { error = new { code = fault.Status == HttpStatusCode.TooManyRequests ? "Throttled" : "InternalServerError", message = "The service is unavailable." } });
            if (fault.RetryAfterSeconds is { } seconds)
            {
                failed.Headers.TryAddWithoutValidation("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return Task.FromResult(failed);
        }

        var segments = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
        return Task.FromResult(segments is ["secrets", var name, ..] && _secrets.TryGetValue(name, out var value)
            ? Json(HttpStatusCode.OK, new { value, id = $"{Vault}secrets/{name}/0000000000000000000000000000000a", attributes = new { enabled = true } })
            : Json(HttpStatusCode.NotFound, new { error = new { code = "SecretNotFound", message = "A secret with (name/id) was not found in this key vault." } }));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
    };

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
