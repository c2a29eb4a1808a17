using CpanelSessionOps.Policy;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Core.Tests.Policy;

public sealed class MintPolicyTests
{
    private static MintPolicy Policy(params MintPolicyRule[] rules) => new(Options.Create(new MintPolicyOptions { Rules = [.. rules] }));

    [Theory]
    [InlineData("*@example.com", "alice@example.com", true)]
    [InlineData("*@example.com", "alice@sub.example.com", false)]
    [InlineData("*@*.example.com", "alice@sub.example.com", true)]
    [InlineData("*@*.example.com", "alice@example.com", false)]
    [InlineData("alice@example.com", "ALICE@example.com", true)]
    [InlineData("alice@example.com", "bob@example.com", false)]
    [InlineData("*@bücher.example", "leser@xn--bcher-kva.example", true)]
    [InlineData("*", "anyone@anywhere.example", true)]
    [InlineData("*@example.com", "alice@example.com.evil.example", false)]
    public void Matches_MailboxPatterns_MatchPerPart(string pattern, string target, bool expected)
    {
        Assert.Equal(expected, MintPolicy.Matches(pattern, target, LoginKind.Webmail));
    }

    [Fact]
    public void Authorize_GroupMember_IsAllowed()
    {
        var policy = Policy(new MintPolicyRule { Callers = ["group:helpdesk"], Targets = ["*@example.com"] });

        policy.Authorize(new CallerIdentity(CallerKind.EntraObject, "0000-1", ["other", "HELPDESK"]), LoginKind.Webmail, MintChannel.Http, "a@example.com");
    }

    [Fact]
    public void Authorize_NoRules_DeniesByDefault()
    {
        var exception = Assert.Throws<MintRefusedException>(() =>
            Policy().Authorize(new CallerIdentity(CallerKind.Name, "portal"), LoginKind.Webmail, MintChannel.Http, "a@example.com"));

        Assert.Contains("no policy rule names name:portal", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorize_SlackIdsAreCaseSensitiveGitHubLoginsAreNot()
    {
        var policy = Policy(new MintPolicyRule { Callers = ["slack:U0ABC", "github:Octocat"], Targets = ["*"] });

        policy.Authorize(new CallerIdentity(CallerKind.GitHub, "octocat"), LoginKind.Webmail, MintChannel.GitHub, "a@example.com");
        Assert.Throws<MintRefusedException>(() =>
            policy.Authorize(new CallerIdentity(CallerKind.Slack, "u0abc"), LoginKind.Webmail, MintChannel.Slack, "a@example.com"));
    }

    [Fact]
    public void Authorize_RuleForWebmailOnly_RefusesCpanelNamingTheKind()
    {
        var policy = Policy(new MintPolicyRule { Name = "helpdesk", Callers = ["name:portal"], Targets = ["*"] });

        var exception = Assert.Throws<MintRefusedException>(() =>
            policy.Authorize(new CallerIdentity(CallerKind.Name, "portal"), LoginKind.Cpanel, MintChannel.Http, "demo"));

        Assert.Contains("mint cPanel logins; add cPanel to the Kinds of one of its rules (helpdesk)", exception.Message, StringComparison.Ordinal);
    }
}
