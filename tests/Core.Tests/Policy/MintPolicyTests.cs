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

    // The precompiled form must decide as the pattern-by-pattern glob does: every pattern against every target.
    public static TheoryData<string> Patterns { get; } =
    [
        "*", "*@*", "*@example.com", "*@EXAMPLE.COM", "*@*.example.com", "*@*.EXAMPLE.com", "alice@example.com", "ALICE@Example.Com",
        "alice@*.example.com", "alice@*", "*@bücher.example", "*@*.bücher.example", "leser@BÜCHER.example", "*.sales@example.com",
        "*@*.com", "*@com", "a*@example.com", "@example.com", "alice@", "alice", "alice@example.com@evil.example", "*@*.*.example.com",
        "*@.example.com", "*@*.", "demo", "Demo",
    ];

    private static readonly string[] Targets =
    [
        "alice@example.com", "ALICE@EXAMPLE.COM", "bob@example.com", "alice@sub.example.com", "alice@a.b.example.com", "alice@example.com.evil.example",
        "alice@badexample.com", "alice@example.org", "leser@xn--bcher-kva.example", "leser@shop.xn--bcher-kva.example", "bob.sales@example.com",
        "bob.sales.eu@example.com", "sales@example.com", "alice@com", "demo", "Demo", "a@b@example.com", "@example.com", "alice@",
    ];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Authorize_OnePattern_DecidesAsTheGlobDoesForEveryTarget(string pattern)
    {
        foreach (var kind in new[] { LoginKind.Webmail, LoginKind.Cpanel })
        {
            var policy = Policy(new MintPolicyRule { Callers = ["name:portal"], Targets = [pattern], Kinds = [kind] });
            foreach (var target in Targets)
            {
                var expected = MintPolicy.Matches(pattern, target, kind);
                Assert.True(expected == Allows(policy, new CallerIdentity(CallerKind.Name, "portal"), kind, MintChannel.Http, target),
                    $"{kind} pattern {pattern} and target {target}: expected {(expected ? "allowed" : "refused")}");
            }
        }
    }

    [Fact]
    public void Authorize_TenThousandExactMailboxes_FindsEachAndNoOther()
    {
        var policy = Policy(
            new MintPolicyRule { Callers = ["github:deployer"], Targets = [.. Enumerable.Range(0, 10_000).Select(i => $"user{i}@example.com")] },
            new MintPolicyRule { Callers = ["github:deployer"], Targets = ["*@*.example.org"] });
        var caller = new CallerIdentity(CallerKind.GitHub, "Deployer");

        foreach (var i in new[] { 0, 1, 4_999, 9_999 })
        {
            policy.Authorize(caller, LoginKind.Webmail, MintChannel.Action, $"user{i}@example.com");
        }

        policy.Authorize(caller, LoginKind.Webmail, MintChannel.Action, "anyone@deep.sub.example.org");
        Assert.False(Allows(policy, caller, LoginKind.Webmail, MintChannel.Action, "user10000@example.com"));
        Assert.False(Allows(policy, caller, LoginKind.Webmail, MintChannel.Action, "user1@example.org"));
    }

    [Fact]
    public void Authorize_GrantsSplitOverTwoRules_RefusedBecauseOneRuleMustGrantEverything()
    {
        // Kind from one rule, channel from another: neither grants a webmail login over HTTP.
        var policy = Policy(
            new MintPolicyRule { Name = "cpanel-anywhere", Callers = ["slack:U0OPS"], Targets = ["*"], Kinds = [LoginKind.Cpanel] },
            new MintPolicyRule { Name = "webmail-in-slack", Callers = ["group:ops"], Targets = ["*@example.com"], Channels = [MintChannel.Slack] });
        var caller = new CallerIdentity(CallerKind.Slack, "U0OPS", ["OPS"]);

        policy.Authorize(caller, LoginKind.Cpanel, MintChannel.Http, "demo");
        policy.Authorize(caller, LoginKind.Webmail, MintChannel.Slack, "alice@example.com");
        var refused = Assert.Throws<MintRefusedException>(() => policy.Authorize(caller, LoginKind.Webmail, MintChannel.Http, "alice@example.com"));
        Assert.Contains("over http; add the channel to one of its rules (webmail-in-slack)", refused.Message, StringComparison.Ordinal);
        refused = Assert.Throws<MintRefusedException>(() => policy.Authorize(caller, LoginKind.Webmail, MintChannel.Slack, "alice@example.org"));
        Assert.Contains("for the domain example.org; add a target pattern to one of its rules (webmail-in-slack)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorize_RuleWithBothKinds_GrantsBothAndCpanelUsersCompareExactly()
    {
        var policy = Policy(new MintPolicyRule { Callers = ["name:portal"], Targets = ["demo", "*@example.com"], Kinds = [LoginKind.Webmail, LoginKind.Cpanel] });
        var caller = new CallerIdentity(CallerKind.Name, "PORTAL");

        policy.Authorize(caller, LoginKind.Cpanel, MintChannel.Cli, "demo");
        policy.Authorize(caller, LoginKind.Webmail, MintChannel.Cli, "alice@example.com");
        Assert.False(Allows(policy, caller, LoginKind.Cpanel, MintChannel.Cli, "Demo"));
        Assert.False(Allows(policy, caller, LoginKind.Cpanel, MintChannel.Cli, "alice@example.com"));
    }

    [Theory]
    [InlineData("entra:0000-ABCD", CallerKind.EntraObject, "0000-abcd", true)]
    [InlineData("APP:client-1", CallerKind.EntraApp, "CLIENT-1", true)]
    [InlineData("teams:29:1AB", CallerKind.Teams, "29:1AB", true)]
    [InlineData("teams:29:1AB", CallerKind.Teams, "29:1ab", false)]
    [InlineData("GitHub:Octocat", CallerKind.GitHub, "octocat", true)]
    [InlineData("github:octocat", CallerKind.Name, "octocat", false)]
    [InlineData("user:octocat", CallerKind.Name, "octocat", false)]
    [InlineData("octocat", CallerKind.Name, "octocat", false)]
    [InlineData("name:group:ops", CallerKind.Name, "group:ops", true)]
    public void Authorize_CallerNames_ComparePrefixesLooselyAndIdsAsThePlatformDoes(string granted, CallerKind kind, string id, bool expected)
    {
        var policy = Policy(new MintPolicyRule { Callers = [granted], Targets = ["*"] });

        Assert.Equal(expected, Allows(policy, new CallerIdentity(kind, id), LoginKind.Webmail, MintChannel.Http, "a@example.com"));
    }

    [Fact]
    public void Authorize_CallerWithAnEmptyOrMissingGroup_IsRefusedWithoutError()
    {
        var policy = Policy(new MintPolicyRule { Callers = ["group:ops"], Targets = ["*"] });

        Assert.False(Allows(policy, new CallerIdentity(CallerKind.EntraObject, "x", [null!, ""]), LoginKind.Webmail, MintChannel.Http, "a@example.com"));
        Assert.True(Allows(policy, new CallerIdentity(CallerKind.EntraObject, "x", [null!, "Ops"]), LoginKind.Webmail, MintChannel.Http, "a@example.com"));
    }

    [Fact]
    public void Authorize_Allowed_AllocatesNothing()
    {
        var policy = Policy(
            new MintPolicyRule { Callers = ["github:deployer", "group:ops"], Targets = [.. Enumerable.Range(0, 10_000).Select(i => $"user{i}@example.com"), "*@*.example.org"] },
            new MintPolicyRule { Callers = ["github:deployer"], Targets = ["demo"], Kinds = [LoginKind.Cpanel], Channels = [MintChannel.Action] });
        var caller = new CallerIdentity(CallerKind.GitHub, "deployer", ["other", "ops"]);
        void Decide()
        {
            policy.Authorize(caller, LoginKind.Webmail, MintChannel.Action, "user9999@example.com");
            policy.Authorize(caller, LoginKind.Webmail, MintChannel.Http, "someone@a.b.example.org");
            policy.Authorize(caller, LoginKind.Cpanel, MintChannel.Action, "demo");
        }

        Decide();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Decide();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static bool Allows(MintPolicy policy, CallerIdentity caller, LoginKind kind, MintChannel channel, string target)
    {
        try
        {
            policy.Authorize(caller, kind, channel, target);
            return true;
        }
        catch (MintRefusedException ex) when (ex.Reason == RefusalReason.Policy)
        {
            return false;
        }
    }
}
