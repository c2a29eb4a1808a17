using CpanelSessionOps.Cpanel;

namespace CpanelSessionOps.Core.Tests.Cpanel;

public sealed class MintedSessionTests
{
    private const string Secret = "alice@example.com:AbCdEfGh_1234567:CREATE_WEBMAIL_SESSION_FOR_MAIL_USER,0123456789abcdef0123456789abcdef";

    [Fact]
    public void LoginLink_Uapi_EncodesTheSessionAsCpanelDoes()
    {
        var session = Create(new CpanelServer("web1", "web1.example.com"), hostname: null);

        Assert.Equal(new Uri("https://web1.example.com:2096/cpsess0123456789/login"), session.LoginFormTarget);
        Assert.Equal("https://web1.example.com:2096/cpsess0123456789/login/?session=alice%40example.com%3aAbCdEfGh_1234567%3aCREATE_WEBMAIL_SESSION_FOR_MAIL_USER%2c0123456789abcdef0123456789abcdef",
            session.LoginLink.Reveal());
        Assert.Equal("session=alice%40example.com%3aAbCdEfGh_1234567%3aCREATE_WEBMAIL_SESSION_FOR_MAIL_USER%2c0123456789abcdef0123456789abcdef",
            session.LoginFormBody.Reveal());
    }

    [Fact]
    public void LoginHost_RemoteMailNode_IsUsedForBothWaysToLogIn()
    {
        var session = Create(new CpanelServer("web1", "web1.example.com") { WebmailPort = 8443 }, hostname: "mail2.example.net");

        Assert.Equal(("mail2.example.net", 8443), (session.LoginHost, session.LoginPort));
        Assert.StartsWith("https://mail2.example.net:8443/cpsess0123456789/login/?session=", session.LoginLink.Reveal(), StringComparison.Ordinal);
    }

    [Fact]
    public void LoginFormTarget_Ipv6Host_IsBracketed()
    {
        var session = Create(new CpanelServer("v6", "2001:db8::10"), hostname: null);

        Assert.Equal("https://[2001:db8::10]:2096/cpsess0123456789/login", session.LoginFormTarget.ToString());
    }

    [Fact]
    public void ToString_NamesTheSessionWithoutItsSecret()
    {
        var text = Create(new CpanelServer("web1", "web1.example.com"), hostname: null).ToString();

        Assert.Contains("alice@example.com", text, StringComparison.Ordinal);
        Assert.Contains("web1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AbCdEfGh_1234567", text, StringComparison.Ordinal);
    }

    private static MintedSession Create(CpanelServer server, string? hostname) =>
        new(server, "create_webmail_session_for_mail_user", SessionService.Webmail, "alice@example.com", "/cpsess0123456789",
            new SensitiveString(Secret), hostname, DateTimeOffset.UnixEpoch, null, null);
}
