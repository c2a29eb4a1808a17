using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Links;

namespace CpanelSessionOps.Core.Tests.Links;

/// <summary>How a consumer tests its own code without a cPanel server or the emulator: a fake <see cref="ILinkMinter"/>
/// returning links made by <see cref="CpanelSessionOpsModelFactory"/>.</summary>
public sealed class CpanelSessionOpsModelFactoryTests
{
    [Fact]
    public async Task ConsumerCode_FakeMinter_GetsAUsableLinkWithoutAServer()
    {
        var expires = new DateTimeOffset(2026, 11, 28, 12, 5, 0, TimeSpan.Zero);
        var minter = new FakeMinter(CpanelSessionOpsModelFactory.MintedLink(
            CpanelSessionOpsModelFactory.MintedSession(host: "mail.example.net", user: "bob@example.net", securityToken: "/cpsess1234567890",
                sessionSecret: "bob@example.net:SECRET", expiresAt: expires),
            correlationId: "req-1"));
        var desk = new SupportDesk(minter);

        var offer = await desk.OfferLoginAsync("bob@example.net");

        var request = Assert.Single(minter.Requests);
        Assert.Equal(("bob@example.net", LoginKind.Webmail, MintChannel.Http), (request.Target, request.Kind, request.Channel));
        Assert.StartsWith("https://mail.example.net:2096/cpsess1234567890/login/?session=", offer.Link, StringComparison.Ordinal);
        Assert.Equal((expires, "req-1"), (offer.ExpiresAt, offer.CorrelationId));
    }

    [Fact]
    public void MintedLink_FromTheFactory_KeepsItsSecretOutOfToString()
    {
        var link = CpanelSessionOpsModelFactory.MintedLink(CpanelSessionOpsModelFactory.MintedSession(sessionSecret: "alice@example.com:TOPSECRET"));

        Assert.Equal(("alice@example.com", "web1", SessionService.Webmail), (link.Target, link.ServerName, link.Session.Service));
        Assert.Contains("TOPSECRET", link.LoginFormBody.Reveal(), StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", link.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", link.Session.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MintedSession_HostNotAHostName_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => CpanelSessionOpsModelFactory.MintedSession(host: "not a host"));

        Assert.Contains("not a host name", error.Message, StringComparison.Ordinal);
    }

    // The consumer's own code, written against the interface.
    private sealed class SupportDesk(ILinkMinter minter)
    {
        public async Task<(string Link, DateTimeOffset ExpiresAt, string CorrelationId)> OfferLoginAsync(string mailbox)
        {
            var link = await minter.MintAsync(new MintRequest(mailbox, LoginKind.Webmail, new CallerIdentity(CallerKind.Name, "desk"), MintChannel.Http));
            return (link.LoginLink.Reveal(), link.ExpiresAt, link.CorrelationId);
        }
    }

    private sealed class FakeMinter(MintedLink link) : ILinkMinter
    {
        public List<MintRequest> Requests { get; } = [];

        public Task<MintedLink> MintAsync(MintRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return Task.FromResult(link);
        }
    }
}
