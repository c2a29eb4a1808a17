using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Core.Tests.Fleet;

/// <summary>The fleet end to end: routes, credentials from a Key Vault-compatible endpoint, the emulator as the server.</summary>
public sealed class CpanelFleetTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private CpanelEmulator _emulator = null!;
    private LocalKeyVault _vault = null!;
    private ServiceProvider _services = null!;

    private CpanelFleet Fleet => _services.GetRequiredService<CpanelFleet>();

    public async Task InitializeAsync()
    {
        _emulator = await CpanelEmulator.StartAsync();
        _vault = await LocalKeyVault.StartAsync();
        _vault.SetSecret("web1-whm", DefaultSeed.RootToken);
        _vault.SetSecret("demo-token", DefaultSeed.DemoToken);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddCpanelFleet(fleet =>
        {
            fleet.Servers["web1"] = Server(FleetAuthKind.WhmToken, "root", "keyvault:web1-whm");
            fleet.Servers["web1-demo"] = Server(FleetAuthKind.CpanelToken, "demo", "keyvault:demo-token");
            fleet.Servers["web1-pw"] = Server(FleetAuthKind.Password, DefaultSeed.TwoFactorUser, "inline:" + DefaultSeed.TwoFactorPassword, "inline:" + DefaultSeed.TwoFactorSecret);
            fleet.Routes.Add(new DomainRouteOptions { Domain = "example.com", Server = "web1" });
            fleet.Routes.Add(new DomainRouteOptions { Domain = "*.example.com", Server = "web1-demo" });
            fleet.Routes.Add(new DomainRouteOptions { Domain = "*.eu.example.com", Server = "web1" });
            fleet.Routes.Add(new DomainRouteOptions { Domain = "bücher.example", Server = "web1-demo" });
            fleet.Routes.Add(new DomainRouteOptions { Domain = "secure.example", Server = "web1-pw" });
        }, _vault.Configure);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _vault.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    private FleetServerOptions Server(FleetAuthKind auth, string user, string secret, string? totp = null)
    {
        var server = _emulator.ToFleetSettings().ToFleetServerOptions(secret);
        server.Auth = auth;
        server.UserName = user;
        server.TotpSecret = totp;
        return server;
    }

    [Theory]
    [InlineData("alice@example.com", "web1", "example.com", null)]
    [InlineData("Alice@EXAMPLE.COM", "web1", "example.com", null)]
    [InlineData("bob@shop.example.com", "web1-demo", "shop.example.com", "demo")]
    [InlineData("x@a.eu.example.com", "web1", "a.eu.example.com", null)]
    [InlineData("leser@bücher.example", "web1-demo", "xn--bcher-kva.example", "demo")]
    [InlineData("leser@xn--bcher-kva.example", "web1-demo", "xn--bcher-kva.example", "demo")]
    public void Route_ManagedDomain_FindsServerAndOwner(string address, string server, string domain, string? owner)
    {
        var route = Fleet.Route(address);

        Assert.Equal((server, domain, owner), (route.ServerName, route.Domain, route.Owner));
        Assert.Equal(route.Login + "@" + domain, route.Address);
    }

    [Theory]
    [InlineData("alice@example.net", "example.net")]
    [InlineData("alice@eu.example.org", "eu.example.org")]
    public void Route_UnmanagedDomain_SaysSo(string address, string domain)
    {
        var exception = Assert.Throws<DomainNotManagedException>(() => Fleet.Route(address));

        Assert.Equal(domain, exception.Domain);
        Assert.Contains("not managed here", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    [InlineData("alice@exa mple.com")]
    public void Route_MalformedAddress_Throws(string address)
    {
        Assert.Throws<ArgumentException>(() => Fleet.Route(address));
    }

    [Fact]
    public async Task ExecuteAsync_WhmTokenInVault_MintsForTheMailbox()
    {
        var route = Fleet.Route("alice@example.com");

        var session = await Fleet.ExecuteAsync(route, (client, ct) =>
            client.CreateUserSessionAsync(new UserSessionRequest(route.Address, SessionService.Webmail), ct));

        Assert.Equal("alice@example.com", session.User);
        Assert.Equal(1, _vault.SecretReads);
    }

    [Fact]
    public async Task ExecuteAsync_CpanelTokenServer_MintsAsTheOwner()
    {
        var route = Fleet.Route("alice@bücher.example");

        var self = await Fleet.ExecuteAsync(route, (client, ct) => client.CreateWebmailSessionForSelfAsync(null, ct));

        Assert.Equal("demo", self.User);
    }

    [Fact]
    public async Task ExecuteAsync_PasswordServerWithTotpSecret_Authenticates()
    {
        var route = Fleet.Route("frank@secure.example");

        var session = await Fleet.ExecuteAsync(route, (client, ct) =>
            client.CreateWebmailSessionForMailUserAsync(new MailUserSessionRequest(route.Login, route.Domain), ct));

        Assert.Equal("frank@secure.example", session.User);
    }

    [Fact]
    public async Task ExecuteAsync_TokenRotatedInVault_PicksUpTheNewOneAfterCpanelRefusesTheOld()
    {
        // The cache holds a token cPanel no longer accepts; the vault already has the new one.
        _vault.SetSecret("web1-whm", "OLDROOTTOKEN0000000000000000001");
        var route = Fleet.Route("alice@example.com");
        await Assert.ThrowsAsync<CpanelAuthenticationException>(() => Fleet.ExecuteAsync(route, (client, ct) =>
            client.CreateUserSessionAsync(new UserSessionRequest(route.Address, SessionService.Webmail), ct)));
        _vault.SetSecret("web1-whm", DefaultSeed.RootToken);
        var whmCallsBefore = _emulator.Requests.Entries.Count(e => e.Function == "create_user_session");

        var session = await Fleet.ExecuteAsync(route, (client, ct) =>
            client.CreateUserSessionAsync(new UserSessionRequest(route.Address, SessionService.Webmail), ct));

        Assert.Equal("alice@example.com", session.User);
        Assert.Equal(whmCallsBefore + 2, _emulator.Requests.Entries.Count(e => e.Function == "create_user_session"));
    }

    [Fact]
    public async Task ExecuteAsync_RefusedAndNotRotated_ReportsTheRefusalAfterOneVaultRead()
    {
        _vault.SetSecret("web1-whm", "WRONGROOTTOKEN000000000000000001");
        var route = Fleet.Route("alice@example.com");

        await Assert.ThrowsAsync<CpanelAuthenticationException>(() => Fleet.ExecuteAsync(route, (client, ct) =>
            client.CreateUserSessionAsync(new UserSessionRequest(route.Address, SessionService.Webmail), ct)));

        Assert.Equal(2, _vault.SecretReads);
        Assert.Single(_emulator.Requests.Entries, e => e.Function == "create_user_session");
    }

    [Fact]
    public async Task ExecuteAsync_SecretMissing_ReportsItWithoutCallingCpanel()
    {
        await using var services = new ServiceCollection().AddSingleton<TimeProvider>(_clock).AddCpanelFleet(fleet =>
        {
            fleet.Servers["web1"] = Server(FleetAuthKind.WhmToken, "root", "keyvault:missing-token");
            fleet.Routes.Add(new DomainRouteOptions { Domain = "example.com", Server = "web1" });
        }, _vault.Configure).BuildServiceProvider();
        var fleet = services.GetRequiredService<CpanelFleet>();

        var exception = await Assert.ThrowsAsync<SecretStoreException>(() => fleet.ExecuteAsync(fleet.Route("alice@example.com"),
            (client, ct) => client.CreateUserSessionAsync(new UserSessionRequest("alice@example.com", SessionService.Webmail), ct)));

        Assert.Contains("secret missing-token not found in vault", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.Requests.Total);
    }

    [Fact]
    public async Task GetCredentialAsync_TenThousandResolutionsAtConcurrency32_ReadEachSecretOncePerCachePeriod()
    {
        string[] addresses = ["alice@example.com", "bob@shop.example.com", "carol@example.com", "dave@a.eu.example.com"];

        async Task ResolveManyAsync()
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < 10_000)
                {
                    var route = Fleet.Route(addresses[i % addresses.Length]);
                    var credential = await Fleet.GetCredentialAsync(route.ServerName);
                    Assert.Equal(route.Auth == FleetAuthKind.WhmToken ? "root" : "demo", credential.UserName);
                }
            })));
        }

        await ResolveManyAsync();
        var firstPeriod = _vault.SecretReads;
        _clock.Advance(TimeSpan.FromMinutes(5));
        await ResolveManyAsync();

        Assert.Equal(2, firstPeriod);
        Assert.Equal(4, _vault.SecretReads);
    }
}
