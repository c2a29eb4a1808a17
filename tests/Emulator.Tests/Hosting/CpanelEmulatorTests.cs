using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.Tests.Support;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Emulator.Tests.Hosting;

public sealed class CpanelEmulatorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorTestClient _client = new(fixture.Emulator);
    private CpanelEmulator Emulator => fixture.Emulator;

    [Fact]
    public void StartAsync_PortsZero_ListensOnThreeDistinctLoopbackHttpsPorts()
    {
        Uri[] uris = [Emulator.CpanelUri, Emulator.WhmUri, Emulator.WebmailUri];

        Assert.All(uris, u => Assert.Equal(("https", "127.0.0.1"), (u.Scheme, u.Host)));
        Assert.Equal(4, uris.Append(Emulator.AdminUri).Select(u => u.Port).Distinct().Count());
        Assert.Equal("http", Emulator.AdminUri.Scheme);
    }

    [Fact]
    public async Task Certificate_ServedOnEveryListener_MatchesTheExposedFingerprintAndNames()
    {
        foreach (var uri in new[] { Emulator.CpanelUri, Emulator.WhmUri, Emulator.WebmailUri })
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, uri.Port);
            X509Certificate? served = null;
            await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => (served = certificate) is not null);
            await tls.AuthenticateAsClientAsync(Emulator.HostName);

            Assert.Equal(Emulator.CertificateSha256, Convert.ToHexString(SHA256.HashData(served!.GetRawCertData())));
        }

        var names = Emulator.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["cpanel.test", "localhost"], names.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
    }

    [Fact]
    public async Task WriteCertificatePemAsync_WritesTheServedCertificateWithoutItsKey()
    {
        var path = Path.GetTempFileName();
        try
        {
            await Emulator.WriteCertificatePemAsync(path);
            var pem = await File.ReadAllTextAsync(path);
            using var loaded = X509Certificate2.CreateFromPem(pem);

            Assert.Equal(Emulator.CertificateSha256, Convert.ToHexString(SHA256.HashData(loaded.RawData)));
            Assert.DoesNotContain("PRIVATE KEY", pem, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PemAsTrustedRoot_ClientTrustingOnlyThatCa_Connects()
    {
        using var root = X509Certificate2.CreateFromPem(Emulator.CertificatePem);
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { root },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        };
        using var http = new HttpClient(handler);

        using var response = await http.GetAsync(new Uri($"https://localhost:{Emulator.CpanelUri.Port}/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WriteInfoFileAsync_WritesTheUrlsAndFingerprint()
    {
        var path = Path.GetTempFileName();
        try
        {
            await Emulator.WriteInfoFileAsync(path);
            using var info = JsonDocument.Parse(await File.ReadAllTextAsync(path));

            Assert.Equal(Emulator.CpanelUri.ToString(), info.RootElement.GetProperty("cpanelUrl").GetString());
            Assert.Equal(Emulator.WhmUri.ToString(), info.RootElement.GetProperty("whmUrl").GetString());
            Assert.Equal(Emulator.WebmailUri.ToString(), info.RootElement.GetProperty("webmailUrl").GetString());
            Assert.Equal(Emulator.CertificateSha256, info.RootElement.GetProperty("certificateSha256").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartAsync_PortAlreadyInUse_ThrowsIOException()
    {
        var taken = Emulator.CpanelUri.Port;

        await Assert.ThrowsAnyAsync<IOException>(() => CpanelEmulator.StartAsync(new CpanelEmulatorOptions { CpanelPort = taken }));
    }

    [Theory]
    [InlineData(-1, "cpanel.test", nameof(CpanelEmulatorOptions.CpanelPort))]
    [InlineData(70000, "cpanel.test", nameof(CpanelEmulatorOptions.CpanelPort))]
    [InlineData(0, "not a host", nameof(CpanelEmulatorOptions.HostName))]
    public async Task StartAsync_InvalidOptions_ThrowsNamingTheOption(int port, string host, string name)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            CpanelEmulator.StartAsync(new CpanelEmulatorOptions { CpanelPort = port, HostName = host }));

        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public async Task StartAsync_CustomSeed_ServesItsAccounts()
    {
        var seed = SeedLoader.Parse("""
            {"accounts":[{"user":"shop","domains":["shop.test"],"tokens":["SHOPTOKEN"],
              "mailboxes":[{"login":"orders","domain":"shop.test"}]}]}
            """);
        await using var emulator = await CpanelEmulator.StartAsync(new CpanelEmulatorOptions { Seed = seed });
        using var client = new EmulatorTestClient(emulator);

        var response = await client.UapiAsync("create_webmail_session_for_mail_user", "login=orders&domain=shop.test",
            EmulatorTestClient.CpanelToken("shop", "SHOPTOKEN"));

        Assert.Equal(1, response.Result.GetProperty("status").GetInt32());
    }

    // The oversized-request tests speak raw HTTP over TLS and read the answer without writing anything the server will not
    // read: an HTTP client that writes a body after the server has answered and closed races that close (Broken pipe).

    [Fact]
    public async Task Request_OversizedQuery_AnswersAnHttpErrorAndKeepsServing()
    {
        // One TLS record (under 16 KiB) holding the whole request: the server reads all of it before it answers and closes.
        var head = await RawExchangeAsync(
            $"GET /execute/Session/create_webmail_session_for_self?locale={new string('a', 9_000)} HTTP/1.1\r\nHost: cpanel.test\r\n" +
            $"Authorization: cpanel demo:{DefaultSeed.DemoToken}\r\n\r\n");
        var after = await _client.UapiAsync("create_webmail_session_for_self", "", EmulatorTestClient.CpanelToken("demo", DefaultSeed.DemoToken));

        Assert.StartsWith("HTTP/1.1 414", head, StringComparison.Ordinal);
        Assert.Equal(1, after.Result.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Request_OversizedFormBody_Answers413()
    {
        // The body is announced, never sent: the server refuses it by its length, so no write can race its close.
        var head = await RawExchangeAsync(
            "POST /execute/Session/create_webmail_session_for_mail_user HTTP/1.1\r\nHost: cpanel.test\r\n" +
            $"Authorization: cpanel demo:{DefaultSeed.DemoToken}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 413", head, StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="request"/> over TLS and returns the first line of the answer.</summary>
    private async Task<string> RawExchangeAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Emulator.CpanelUri.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
            certificate is not null && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())) == Emulator.CertificateSha256);
        await tls.AuthenticateAsClientAsync(Emulator.HostName);
        await tls.WriteAsync(Encoding.ASCII.GetBytes(request));
        await tls.FlushAsync();
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while (!answer.ToString().Contains("\r\n", StringComparison.Ordinal) &&
               (read = await tls.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30))) > 0)
        {
            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var text = answer.ToString();
        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    [Fact]
    public async Task Request_InvalidUtf8InQuery_AnswersAsForAnUnknownMailbox()
    {
        var response = await _client.UapiAsync("create_webmail_session_for_mail_user", "login=%FF%FE%C3&domain=example.com",
            EmulatorTestClient.CpanelToken("demo", DefaultSeed.DemoToken));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, response.Result.GetProperty("status").GetInt32());
        Assert.StartsWith("You do not have a user named “", Assert.Single(response.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_InvalidUtf8InForm_AnswersAsForAnUnknownMailbox()
    {
        using var content = new ByteArrayContent([.. "login="u8.ToArray(), 0xFF, 0xFE, .. "&domain=example.com"u8.ToArray()]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.CpanelUri, "execute/Session/create_webmail_session_for_mail_user"))
        {
            Content = content,
        };
        request.Headers.Authorization = EmulatorTestClient.CpanelToken("demo", DefaultSeed.DemoToken);

        using var response = await _client.Http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(0, body.RootElement.GetProperty("result").GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("cpanel", "nothing/here", HttpStatusCode.NotFound)]
    [InlineData("cpanel", "execute/Session", HttpStatusCode.NotFound)]
    [InlineData("whm", "json-api", HttpStatusCode.NotFound)]
    [InlineData("webmail", "execute/Session/create_webmail_session_for_self", HttpStatusCode.NotFound)]
    [InlineData("webmail", "", HttpStatusCode.OK)]
    public async Task Request_UnknownPath_AnswersLikeAServerWithoutCrashing(string listener, string path, HttpStatusCode expected)
    {
        var baseUri = listener switch
        {
            "cpanel" => Emulator.CpanelUri,
            "whm" => Emulator.WhmUri,
            _ => Emulator.WebmailUri,
        };

        var response = await _client.SendAsync(HttpMethod.Get, new Uri(baseUri, path), null, null, null);

        Assert.Equal(expected, response.Status);
        Assert.Equal("text/html", response.Message.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Request_RawGarbageOnTheSocket_IsRefusedAndTheServerKeepsServing()
    {
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, Emulator.CpanelUri.Port);
            await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
                certificate is not null && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())) == Emulator.CertificateSha256);
            await tls.AuthenticateAsClientAsync(Emulator.HostName);
            await tls.WriteAsync(Encoding.ASCII.GetBytes("GARBAGE \x01\x02 HTTP/9\r\n\r\n"));
            var buffer = new byte[1024];
            var read = await tls.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
        }

        var after = await _client.UapiAsync("create_webmail_session_for_self", "", EmulatorTestClient.CpanelToken("demo", DefaultSeed.DemoToken));
        Assert.Equal(1, after.Result.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Requests_Log_RecordsListenerFunctionUserAndStatus()
    {
        var (_, token) = await _client.MintForMailboxAsync("alice", "example.com");

        var entry = Assert.Single(Emulator.Requests.Entries, e => e.Function == "create_webmail_session_for_mail_user" &&
            Emulator.Sessions.Any(s => s.SecurityToken == token) && e.Target.Contains("login=alice", StringComparison.Ordinal));

        Assert.Equal(("cpanel", "GET", "demo", 200), (entry.Port, entry.Method, entry.AuthenticatedUser, entry.StatusCode));
    }

    public void Dispose() => _client.Dispose();
}
