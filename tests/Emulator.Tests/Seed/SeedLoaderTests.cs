using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Emulator.Tests.Seed;

public sealed class SeedLoaderTests
{
    private const string IssueExample = """
        {"whmUsers": [{"user": "root", "tokens": ["ROOTTOKEN"]},
                      {"user": "res1", "reseller": true, "password": "pw", "tokens": ["RESTOKEN"]}],
         "accounts": [{"user": "demo", "owner": "root", "password": "pw", "locale": "en",
                       "suspended": false, "domains": ["example.com"], "totpSecret": null,
                       "tokens": [{"name": "ci", "token": "DEMOTOKEN", "expiresAt": null}],
                       "mailboxes": [{"login": "alice", "domain": "example.com", "password": "pw",
                                      "suspendedLogin": false, "remoteHost": null}]}]}
        """;

    [Fact]
    public void Parse_DocumentedShape_ReadsEveryField()
    {
        var seed = SeedLoader.Parse(IssueExample);

        Assert.Equal(["root", "res1"], seed.WhmUsers.Select(u => u.User));
        Assert.Equal("ROOTTOKEN", Assert.Single(seed.WhmUsers[0].Tokens).Token);
        Assert.True(seed.WhmUsers[1].Reseller);
        var account = Assert.Single(seed.Accounts);
        Assert.Equal("demo", account.User);
        Assert.Equal(["example.com"], account.Domains);
        var token = Assert.Single(account.Tokens);
        Assert.Equal(("ci", "DEMOTOKEN", (DateTimeOffset?)null), (token.Name, token.Token, token.ExpiresAt));
        Assert.Equal("alice@example.com", Assert.Single(account.Mailboxes).Address);
    }

    [Fact]
    public void Parse_TokenWithExpiry_ReadsTheInstant()
    {
        var seed = SeedLoader.Parse("""
            {"accounts":[{"user":"demo","domains":["example.com"],
              "tokens":[{"name":"old","token":"OLD1","expiresAt":"2020-01-01T00:00:00Z"}]}]}
            """);

        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), seed.Accounts[0].Tokens[0].ExpiresAt);
    }

    [Fact]
    public void ToJson_DefaultSeed_RoundTrips()
    {
        var json = SeedLoader.ToJson(DefaultSeed.Create());

        var again = SeedLoader.Parse(json);

        Assert.Equal(json, SeedLoader.ToJson(again));
        Assert.Contains("\"whmUsers\"", json, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidSeeds() => new()
    {
        { """{"accounts":[{"user":"Demo!","domains":["example.com"]}]}""", "accounts[0].user" },
        { """{"accounts":[{"user":"root","domains":["example.com"]}]}""", "accounts[0].user" },
        { """{"accounts":[{"user":"a","domains":["a.test"]},{"user":"a","domains":["b.test"]}]}""", "accounts[1].user “a” is listed twice" },
        { """{"accounts":[{"user":"a","owner":"res9","domains":["a.test"]}]}""", "accounts[0].owner “res9”" },
        { """{"accounts":[{"user":"a","locale":"klingon","domains":["a.test"]}]}""", "accounts[0].locale" },
        { """{"accounts":[{"user":"a","domains":["not a domain"]}]}""", "accounts[0].domains[0]" },
        { """{"accounts":[{"user":"a","domains":["a.test"]},{"user":"b","domains":["a.test"]}]}""", "accounts[1].domains[0] “a.test” already belongs to account “a”" },
        { """{"accounts":[{"user":"a","domains":["a.test"],"mailboxes":[{"login":"x","domain":"b.test"}]}]}""", "accounts[0].mailboxes[0].domain" },
        { """{"accounts":[{"user":"a","domains":["a.test"],"mailboxes":[{"login":"x y","domain":"a.test"}]}]}""", "accounts[0].mailboxes[0].login" },
        { """{"accounts":[{"user":"a","domains":["a.test"],"mailboxes":[{"login":"x","domain":"a.test"},{"login":"X","domain":"a.test"}]}]}""", "accounts[0].mailboxes[1]" },
        { """{"accounts":[{"user":"a","domains":["a.test"],"totpSecret":"not base32!"}]}""", "accounts[0].totpSecret" },
        { """{"accounts":[{"user":"a","domains":["a.test"],"tokens":[{"name":"bad name","token":"T1"}]}]}""", "accounts[0].tokens[0].name" },
        { """{"accounts":[{"user":"a","domains":["a.test"],"tokens":[""]}]}""", "accounts[0].tokens[0].token" },
        { """{"whmUsers":[{"user":"root","tokens":["T1"]}],"accounts":[{"user":"a","domains":["a.test"],"tokens":["T1"]}]}""", "accounts[0].tokens[0].token is used by another entry" },
        { """{"whmUsers":[{"user":"root","reseller":true}]}""", "whmUsers[0].reseller" },
        { """{"whmUsers":[{"user":"admin"}]}""", "whmUsers[0].reseller" },
        { """{"whmUsers":[{"user":"root"},{"user":"root"}]}""", "whmUsers[1].user" },
        { """{"accounts":[{"user":"a","domains":["a.test"],"tokens":[42]}]}""", "not valid seed JSON" },
        { """{"accounts": [""", "not valid seed JSON" },
        { "null", "the seed is empty" },
        { """{"server":{"publicIp":"1.2.3"}}""", "server.publicIp “1.2.3” is not an IP address" },
        { """{"server":{"sslDomain":"not a domain"}}""", "server.sslDomain" },
    };

    [Theory]
    [MemberData(nameof(InvalidSeeds))]
    public void Parse_InvalidSeed_ThrowsNamingTheEntry(string json, string expected)
    {
        var error = Assert.Throws<SeedException>(() => SeedLoader.Parse(json, "seed.json"));

        Assert.StartsWith("seed.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateToken_DoesNotEchoTheTokenValue()
    {
        var error = Assert.Throws<SeedException>(() => SeedLoader.Parse(
            """{"whmUsers":[{"user":"root","tokens":["SECRETVALUE1"]}],"accounts":[{"user":"a","domains":["a.test"],"tokens":["SECRETVALUE1"]}]}"""));

        Assert.DoesNotContain("SECRETVALUE1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "seed.json");

        var error = await Assert.ThrowsAsync<SeedException>(() => SeedLoader.LoadAsync(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultSeed_CoversEveryCaseTheDocsPromise()
    {
        var seed = DefaultSeed.Create();
        var demo = seed.Accounts.Single(a => a.User == DefaultSeed.DemoUser);
        var mailboxes = seed.Accounts.SelectMany(a => a.Mailboxes.Select(m => (Account: a, Mailbox: m))).ToList();

        SeedLoader.Validate(seed);
        Assert.Contains(demo.Mailboxes, m => m.Address == DefaultSeed.AliceAddress && !m.SuspendedLogin && m.RemoteHost is null);
        Assert.Contains(demo.Mailboxes, m => m.Address == DefaultSeed.BobAddress && m.SuspendedLogin);
        Assert.Contains(demo.Mailboxes, m => m.Address == DefaultSeed.CarolAddress && m.RemoteHost == DefaultSeed.RemoteMailHost);
        Assert.Contains(mailboxes, x => x.Mailbox.Address == DefaultSeed.DaveAddress && x.Account.User != DefaultSeed.DemoUser);
        Assert.Contains(seed.Accounts, a => a.User == DefaultSeed.SuspendedUser && a.Suspended);
        Assert.Contains(seed.Accounts, a => a.User == DefaultSeed.OtherUser && a.Owner == DefaultSeed.ResellerUser);
        Assert.Contains(seed.WhmUsers, u => u.User == "root" && !u.Reseller);
        Assert.Contains(demo.Tokens, t => t.Token == DefaultSeed.DemoExpiredToken && t.ExpiresAt < DateTimeOffset.UtcNow);
        Assert.Contains(seed.Accounts, a => a.User == DefaultSeed.TwoFactorUser && a.TotpSecret == DefaultSeed.TwoFactorSecret);
    }
}
