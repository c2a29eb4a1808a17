using CpanelSessionOps.Audit;
using CpanelSessionOps.Core.Tests.Support;
using CpanelSessionOps.Links;

namespace CpanelSessionOps.Core.Tests.Links;

/// <summary>
/// More than a hundred bad inputs, each refused with a message naming the field before anything leaves the process:
/// the emulator (the cPanel server) and the vault see no request at all.
/// </summary>
public sealed class MintRequestValidationTests : IAsyncLifetime
{
    private MintingHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await MintingHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string, LoginKind, string?, string?, string?, string> BadInputs()
    {
        var data = new TheoryData<string, LoginKind, string?, string?, string?, string>();
        void Target(string target, LoginKind kind = LoginKind.Webmail) => data.Add(target, kind, null, null, null, "target");
        string[] addresses =
        [
            "", "alice", "alice@", "@example.com", "alice@@example.com", "alice@bob@example.com", "alice@example", "alice@.example.com",
            "alice@example.com.", "alice@example..com", "alice@-example.com", "alice@example-.com", "alice@exa_mple.com", "alice@example.123",
            "alice@" + new string('a', 64) + ".com", new string('a', 65) + "@example.com", "a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".com",
            new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('c', 60), 3)) + ".example.com",
            ".alice@example.com", "alice.@example.com", "al..ice@example.com", "al ice@example.com", " alice@example.com", "alice@example.com ",
            "alice\t@example.com", "alice@example.com\r\nBcc: x@example.net", "alice\r@example.com", "alice\n@example.com", "alice\0@example.com",
            "alice@example.com\0", "alice\u0007@example.com", "alice\u007f@example.com", "alice@exa\u0000mple.com", "alice:pw@example.com",
            "alice@example.com:2096", "alice/..@example.com", "alice@example.com/cpsess0000000000", "alice?x=1@example.com",
            "alice@example.com?session=x", "alice#frag@example.com", "alice@example.com#x", "alice%40evil.example@example.com",
            "alice@example.com%00", "alice%0d%0a@example.com", "alice\\@example.com", "\"alice\"@example.com", "<alice@example.com>",
            "alice@[127.0.0.1]", "alice(comment)@example.com", "alice;x@example.com", "alice,bob@example.com", "alice@example.com,bob@example.com",
            "\uff41lice@example.com", "\u0430lice@example.com", "alice@ex\u0430mple.com", "alice@\u0435xample.com", "alice@exampl\u0435.com",
            "alice@g\u043e\u043egle.com", "alice\u200b@example.com", "alice@exam\u200bple.com", "alice\u200d@example.com", "alice\u2060@example.com",
            "alice\ufeff@example.com", "alice\u00ad@example.com", "alice\u202e@example.com", "alice@example.com\u202e", "alice\u00a0@example.com",
            "alice\u2028@example.com", "alice\u3000@example.com", "alic\u00e9@example.com", "alice@\ud800example.com", "alice@xn--.com",
            "alice@*.example.com", "*@example.com", "alice@example.com\u0085", "alice@e xample.com", "alice@example.com\t", "alice@ex%61mple.com",
            "alice@localhost", "alice@127.0.0.1", "alice@[::1]", "alice@example.com>", "alice&x@example.com", "alice*@example.com",
            "alice!@example.com",
            // Full-width, compatibility and ignorable characters that IDNA would silently map to another (real) mailbox.
            "alice@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com", "alice@example\uff0ecom", "alice@ex\u034fample.com", "alice@exam\ufe0fple.com",
            "alice@\u2168.example.com", "alice@example.\uff43\uff4f\uff4d", "alice@\u212a.example.com", "alice@e\u0301xample.com", "alice$@example.com", "alice=@example.com", "ali{ce}@example.com", "alice|x@example.com", "alice`@example.com",
            "alice~@example.com", "alice^@example.com",
        ];
        foreach (var address in addresses)
        {
            Target(address);
        }

        foreach (var user in new[] { "Demo", "demo!", "1demo", "demo@example.com", "averyveryverylonguser", "", "de mo", "demo\n" })
        {
            Target(user, LoginKind.Cpanel);
        }

        foreach (var locale in new[] { "EN", "en-US", "xx", "", "en\r\n", "../en", "pt_BR", new string('a', 40), "en;", "e n" })
        {
            data.Add("alice@example.com", LoginKind.Webmail, locale, null, null, "locale");
        }

        foreach (var ip in new[] { "1.2.3", "256.1.1.1", "1.2.3.4.5", "01.2.3.4", "1.2.3.4:80", "fe80::1%eth0", "[::1]", "localhost", "", "1.2.3.4\r\n", " 1.2.3.4", "::g", "1.2.3.-4" })
        {
            data.Add("alice@example.com", LoginKind.Webmail, null, ip, null, "endUserAddress");
        }

        foreach (var id in new[] { "", "abc def", new string('x', 129), "id\r\nX-Injected: 1", "id/../x" })
        {
            data.Add("alice@example.com", LoginKind.Webmail, null, null, id, "correlationId");
        }

        return data;
    }

    [Fact]
    public void BadInputs_Table_HasAtLeastAHundredRows()
    {
        Assert.True(BadInputs().Count >= 100, $"only {BadInputs().Count} rows");
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task MintAsync_BadInput_IsRefusedNamingTheFieldAndNothingIsSent(
        string target, LoginKind kind, string? locale, string? endUserAddress, string? correlationId, string field)
    {
        var request = new MintRequest(target, kind, MintingHarness.Support, MintChannel.Slack)
        {
            Locale = locale,
            EndUserAddress = endUserAddress,
            CorrelationId = correlationId,
        };

        var exception = await Assert.ThrowsAsync<MintValidationException>(() => _harness.Service.MintAsync(request));

        Assert.True(exception.Errors.ContainsKey(field), $"expected an error for {field}, got: {string.Join(", ", exception.Errors.Keys)}");
        Assert.All(exception.Errors[field], message => Assert.True(message.Length > 10));
        Assert.Equal(0, _harness.Emulator.Requests.Total);
        Assert.Equal(0, _harness.Vault.SecretReads);
        var record = Assert.Single(_harness.Audit.Records);
        Assert.Equal((AuditOutcome.Refused, "validation"), (record.Outcome, record.ErrorClass));
        Assert.DoesNotContain(record.Target, c => char.IsControl(c));
    }

    [Theory]
    [InlineData("")]
    [InlineData("U0\r\nX")]
    public async Task MintAsync_MalformedCaller_IsRefused(string id)
    {
        var request = new MintRequest("alice@example.com", LoginKind.Webmail, new CallerIdentity(CallerKind.Slack, id), MintChannel.Slack);

        var exception = await Assert.ThrowsAsync<MintValidationException>(() => _harness.Service.MintAsync(request));

        Assert.True(exception.Errors.ContainsKey("caller"));
        Assert.Equal(0, _harness.Emulator.Requests.Total);
    }
}
