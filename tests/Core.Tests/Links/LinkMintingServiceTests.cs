using CpanelSessionOps.Audit;
using CpanelSessionOps.Core.Tests.Support;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Core.Tests.Links;

/// <summary>The minting service end to end: the emulator as cPanel, the local Key Vault for tokens, policy, limits, audit.</summary>
public sealed class LinkMintingServiceTests : IAsyncLifetime
{
    private MintingHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await MintingHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static MintRequest Webmail(string address, MintChannel channel = MintChannel.Slack) =>
        new(address, LoginKind.Webmail, MintingHarness.Support, channel) { CorrelationId = "corr-" + Guid.NewGuid().ToString("N")[..8] };

    [Fact]
    public async Task MintAsync_MailboxOnWhmServer_ReturnsAWorkingLinkAndOneAuditRecord()
    {
        var request = Webmail("Alice@Example.COM");

        var link = await _harness.Service.MintAsync(request);

        Assert.Equal(("alice@example.com", "web1", LoginKind.Webmail), (link.Target, link.ServerName, link.Kind));
        Assert.Equal(request.CorrelationId, link.CorrelationId);
        Assert.StartsWith($"https://127.0.0.1:{_harness.Emulator.WebmailUri.Port}/cpsess", link.LoginLink.Reveal(), StringComparison.Ordinal);
        Assert.True(link.ExpiresAt > _harness.Clock.GetUtcNow().AddMinutes(-10));
        var check = await _harness.Services.GetRequiredService<CpanelLoginVerifier>().VerifyAsync(link.Session);
        Assert.True(check.Succeeded, check.Detail);
        var record = Assert.Single(_harness.Audit.Records);
        Assert.Equal(("slack:U0SUPPORT", MintChannel.Slack, "alice@example.com", "web1", AuditOutcome.Minted, (string?)null, request.CorrelationId),
            (record.Caller, record.Channel, record.Target, record.Server, record.Outcome, record.ErrorClass, record.CorrelationId));
    }

    [Fact]
    public async Task MintAsync_MailboxOnCpanelTokenServer_UsesUapiWithTheEndUsersAddress()
    {
        var request = Webmail("dave@example.org", MintChannel.Http) with { EndUserAddress = "203.0.113.7", Locale = "fr" };

        var link = await _harness.Service.MintAsync(request);

        var session = Assert.Single(_harness.Emulator.Sessions, s => s.SecurityToken == link.Session.SecurityToken);
        Assert.Equal(("CREATE_WEBMAIL_SESSION_FOR_MAIL_USER", "203.0.113.7", "fr"), (session.Origin, session.RemoteAddress, session.Locale));
        Assert.Equal("203.0.113.7", Assert.Single(_harness.Audit.Records).EndUserAddress);
    }

    [Fact]
    public async Task MintAsync_CpanelLoginOnWhmServer_MintsACpanelSession()
    {
        var link = await _harness.Service.MintAsync(new MintRequest("demo", LoginKind.Cpanel, MintingHarness.Support, MintChannel.Http));

        Assert.Equal((LoginKind.Cpanel, "demo"), (link.Kind, link.Target));
        Assert.StartsWith($"https://127.0.0.1:{_harness.Emulator.CpanelUri.Port}/cpsess", link.LoginLink.Reveal(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MintAsync_CpanelLoginOnCpanelTokenServer_FailsSayingAWhmTokenIsNeeded()
    {
        var exception = await Assert.ThrowsAsync<ServerNotConfiguredException>(() =>
            _harness.Service.MintAsync(new MintRequest("other", LoginKind.Cpanel, MintingHarness.Support, MintChannel.Http)));

        Assert.Contains("WhmToken", exception.Message, StringComparison.Ordinal);
        Assert.Equal((ErrorClass.NotConfigured, "web1-other"), (exception.ErrorClass, exception.ServerName));
        Assert.Equal((AuditOutcome.Failed, "unsupported"), (Assert.Single(_harness.Audit.Records).Outcome, _harness.Audit.Records.Single().ErrorClass));
    }

    [Fact]
    public async Task MintAsync_CallerCancels_IsAuditedAsCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.Service.MintAsync(Webmail("alice@example.com"), cancelled.Token));

        Assert.Equal((AuditOutcome.Failed, "cancelled"), (Assert.Single(_harness.Audit.Records).Outcome, _harness.Audit.Records.Single().ErrorClass));
    }

    [Fact]
    public async Task MintAsync_CpanelUserNotInFleet_FailsAsNotManaged()
    {
        await using var harness = await MintingHarness.StartAsync(policy: p =>
            p.Rules.Add(new MintPolicyRule { Callers = ["slack:U0SUPPORT"], Targets = ["*"], Kinds = [LoginKind.Cpanel] }));

        var exception = await Assert.ThrowsAsync<CpanelUserNotManagedException>(() =>
            harness.Service.MintAsync(new MintRequest("ghost", LoginKind.Cpanel, MintingHarness.Support, MintChannel.Http)));

        Assert.Equal(("ghost", ErrorClass.NotManaged), (exception.CpanelUser, exception.ErrorClass));
        Assert.Contains("not managed here", exception.Message, StringComparison.Ordinal);
        Assert.Equal((AuditOutcome.Failed, "not-managed"), (harness.Audit.Records.Single().Outcome, harness.Audit.Records.Single().ErrorClass));
        Assert.Equal(0, harness.Emulator.Requests.Total);
    }

    [Theory]
    [InlineData("alice@example.net", MintChannel.Slack, LoginKind.Webmail, "for the domain example.net")]
    [InlineData("alice@example.com", MintChannel.Teams, LoginKind.Webmail, "over teams")]
    [InlineData("root", MintChannel.Slack, LoginKind.Cpanel, "for the cPanel user root")]
    public async Task MintAsync_NotGranted_IsRefusedSayingWhatIsMissingAndNothingIsSent(string target, MintChannel channel, LoginKind kind, string missing)
    {
        var exception = await Assert.ThrowsAsync<MintRefusedException>(() =>
            _harness.Service.MintAsync(new MintRequest(target, kind, MintingHarness.Support, channel)));

        Assert.Equal(RefusalReason.Policy, exception.Reason);
        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Emulator.Requests.Total);
        Assert.Equal((AuditOutcome.Refused, "policy"), (_harness.Audit.Records.Single().Outcome, _harness.Audit.Records.Single().ErrorClass));
    }

    [Fact]
    public async Task MintAsync_UnknownCaller_IsRefusedWithoutSayingWhetherTheMailboxExists()
    {
        var stranger = new CallerIdentity(CallerKind.GitHub, "mallory");

        var existing = await Assert.ThrowsAsync<MintRefusedException>(() =>
            _harness.Service.MintAsync(new MintRequest("alice@example.com", LoginKind.Webmail, stranger, MintChannel.GitHub)));
        var missing = await Assert.ThrowsAsync<MintRefusedException>(() =>
            _harness.Service.MintAsync(new MintRequest("nobody@example.com", LoginKind.Webmail, stranger, MintChannel.GitHub)));

        Assert.Equal("Refused by policy: no policy rule names github:mallory; add it (or one of its groups) to a rule in Policy:Rules.", existing.Message);
        Assert.Equal(existing.Message, missing.Message);
    }

    [Fact]
    public async Task MintAsync_DomainNotInFleet_FailsAsNotManaged()
    {
        await using var harness = await MintingHarness.StartAsync(policy: p =>
            p.Rules.Add(new MintPolicyRule { Callers = ["slack:U0SUPPORT"], Targets = ["*"] }));

        await Assert.ThrowsAsync<DomainNotManagedException>(() => harness.Service.MintAsync(Webmail("alice@example.net")));

        Assert.Equal((AuditOutcome.Failed, "not-managed"), (harness.Audit.Records.Single().Outcome, harness.Audit.Records.Single().ErrorClass));
        Assert.Equal(0, harness.Emulator.Requests.Total);
    }

    [Fact]
    public async Task MintAsync_SuspendedMailbox_FailsWithCpanelsReasonAndIsAudited()
    {
        // WHM itself would mint for bob; the mailbox check before minting finds his logins suspended.
        var exception = await Assert.ThrowsAsync<CpanelApiException>(() => _harness.Service.MintAsync(Webmail("bob@example.com")));

        Assert.Equal(CpanelErrorKind.Suspended, exception.Kind);
        Assert.Contains("suspended", exception.Message, StringComparison.Ordinal);
        Assert.Equal((AuditOutcome.Failed, "api", "web1"),
            (_harness.Audit.Records.Single().Outcome, _harness.Audit.Records.Single().ErrorClass, _harness.Audit.Records.Single().Server));
        Assert.DoesNotContain(_harness.Emulator.Sessions, s => s.User == "bob@example.com");
    }

    [Theory]
    [InlineData("ghost@example.com", CpanelErrorKind.UserNotFound)]
    [InlineData("bob@example.com", CpanelErrorKind.Suspended)]
    [InlineData("erin@suspended.example", CpanelErrorKind.Suspended)]
    [InlineData("ghost@suspended.example", CpanelErrorKind.UserNotFound)]
    public async Task MintAsync_WhmServerMailboxThatCannotLogIn_IsRefusedBeforeMinting(string address, CpanelErrorKind kind)
    {
        var exception = await Assert.ThrowsAsync<CpanelApiException>(() => _harness.Service.MintAsync(Webmail(address)));

        Assert.Equal(kind, exception.Kind);
        Assert.DoesNotContain(_harness.Emulator.Requests.Entries, e => e.Function == "create_user_session");
        Assert.Empty(_harness.Emulator.Sessions);
    }

    [Fact]
    public async Task MintAsync_MailboxCheck_CostsOneRoundTripColdAndNoneWarmUntilTheCacheExpires()
    {
        await _harness.Service.MintAsync(Webmail("alice@example.com"));
        var cold = CheckCalls();
        await _harness.Service.MintAsync(Webmail("carol@example.com"));
        var warm = CheckCalls() - cold;
        _harness.Clock.Advance(TimeSpan.FromSeconds(61));
        await _harness.Service.MintAsync(Webmail("alice@example.com"));
        var expired = CheckCalls() - cold - warm;

        // The route names the owner: accountsummary and uapi_cpanel, sent together; then nothing while cached (60 s).
        Assert.Equal((2, 0, 2), (cold, warm, expired));
        Assert.Equal(3, _harness.Emulator.Requests.Entries.Count(e => e.Function == "create_user_session"));
    }

    [Fact]
    public async Task MintAsync_RouteWithoutOwner_AsksWhmForTheDomainsOwnerOnce()
    {
        await Assert.ThrowsAsync<CpanelApiException>(() => _harness.Service.MintAsync(Webmail("erin@suspended.example")));
        await Assert.ThrowsAsync<CpanelApiException>(() => _harness.Service.MintAsync(Webmail("frank@suspended.example")));

        Assert.Single(_harness.Emulator.Requests.Entries, e => e.Function == "getdomainowner");
    }

    [Fact]
    public async Task MintAsync_SkipMailboxCheck_MintsWithoutTheCheck()
    {
        var link = await _harness.Service.MintAsync(Webmail("ghost@example.com") with { SkipMailboxCheck = true });

        Assert.Equal("ghost@example.com", link.Target);
        Assert.Equal(0, CheckCalls());
    }

    private int CheckCalls() =>
        _harness.Emulator.Requests.Entries.Count(e => e.Function is "getdomainowner" or "accountsummary" or "uapi_cpanel");

    [Fact]
    public async Task MintAsync_AuditSinkFailsClosed_WithholdsTheLink()
    {
        _harness.Audit.Fail = true;

        var exception = await Assert.ThrowsAsync<AuditUnavailableException>(() => _harness.Service.MintAsync(Webmail("alice@example.com")));

        Assert.Contains("no link was handed out", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MintAsync_AuditSinkFailsOpen_HandsOutTheLinkAndLogsTheLoss()
    {
        await using var harness = await MintingHarness.StartAsync(audit: a => a.FailureMode = AuditFailureMode.FailOpen);
        harness.Audit.Fail = true;

        var link = await harness.Service.MintAsync(Webmail("alice@example.com"));

        Assert.Equal("alice@example.com", link.Target);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Category == typeof(AuditTrail).FullName && r.Level == Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task MintAsync_EveryOutcome_WritesExactlyOneRecordEach()
    {
        await _harness.Service.MintAsync(Webmail("alice@example.com"));
        await Assert.ThrowsAnyAsync<Exception>(() => _harness.Service.MintAsync(Webmail("not an address")));
        await Assert.ThrowsAnyAsync<Exception>(() => _harness.Service.MintAsync(Webmail("alice@example.com", MintChannel.Teams)));
        await Assert.ThrowsAnyAsync<Exception>(() => _harness.Service.MintAsync(Webmail("bob@example.com")));

        Assert.Equal([AuditOutcome.Minted, AuditOutcome.Refused, AuditOutcome.Refused, AuditOutcome.Failed], _harness.Audit.Records.Select(r => r.Outcome));
        Assert.Equal(4, _harness.Audit.Records.Select(r => r.CorrelationId).Distinct().Count());
    }

    [Fact]
    public async Task MintAsync_Secrets_NeverReachAuditRecordsOrLogs()
    {
        var links = new List<MintedLink>
        {
            await _harness.Service.MintAsync(Webmail("alice@example.com")),
            await _harness.Service.MintAsync(Webmail("dave@example.org")),
        };
        await Assert.ThrowsAnyAsync<Exception>(() => _harness.Service.MintAsync(Webmail("bob@example.com")));

        var secrets = links.SelectMany(l => new[] { l.LoginLink.Reveal(), l.LoginFormBody.Reveal(), l.Session.Secret.Reveal() })
            .Append(DefaultSeed.RootToken).Append(DefaultSeed.OtherToken).ToList();
        var seen = _harness.Audit.Records.Select(r => r.ToString())
            .Concat(links.Select(l => l.ToString()))
            .Concat(_harness.Logs.GetSnapshot().SelectMany(r => new[] { r.Message, r.Exception?.ToString() ?? "" }
                .Concat(r.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? [])))
            .ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(seen, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task MintAsync_RateLimitPerMailbox_TripsThenRecoversWhenTheWindowTurns()
    {
        await using var harness = await MintingHarness.StartAsync(policy: p =>
        {
            MintingHarness.DefaultPolicy(p);
            p.TargetLimit = 2;
            p.RateLimitWindow = TimeSpan.FromMinutes(1);
        });
        await harness.Service.MintAsync(Webmail("alice@example.com"));
        await harness.Service.MintAsync(Webmail("alice@example.com"));
        harness.Clock.Advance(TimeSpan.FromSeconds(20));

        var refused = await Assert.ThrowsAsync<MintRefusedException>(() => harness.Service.MintAsync(Webmail("alice@example.com")));
        var other = await harness.Service.MintAsync(Webmail("carol@example.com"));
        harness.Clock.Advance(TimeSpan.FromSeconds(40));
        var recovered = await harness.Service.MintAsync(Webmail("alice@example.com"));

        Assert.Equal(RefusalReason.RateLimited, refused.Reason);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
        Assert.Equal("carol@example.com", other.Target);
        Assert.Equal("alice@example.com", recovered.Target);
        Assert.Contains(harness.Audit.Records, r => r.ErrorClass == "rate-limited");
    }

    [Fact]
    public async Task MintAsync_RateLimitPerCaller_TripsAcrossMailboxes()
    {
        await using var harness = await MintingHarness.StartAsync(policy: p =>
        {
            MintingHarness.DefaultPolicy(p);
            p.CallerLimit = 2;
        });
        await harness.Service.MintAsync(Webmail("alice@example.com"));
        await harness.Service.MintAsync(Webmail("carol@example.com"));

        var refused = await Assert.ThrowsAsync<MintRefusedException>(() => harness.Service.MintAsync(Webmail("dave@example.org")));

        Assert.Contains("slack:U0SUPPORT may ask for 2 links", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.Emulator.Sessions.Count);
    }

    [Fact]
    public async Task MintAsync_CallerIdInDifferentCase_SharesOneRateLimitWindow()
    {
        await using var harness = await MintingHarness.StartAsync(policy: p =>
        {
            p.Rules.Add(new MintPolicyRule { Callers = ["github:octocat"], Targets = ["*@example.com"], Channels = [MintChannel.GitHub] });
            p.CallerLimit = 2;
        });
        MintRequest As(string login, string mailbox) => new(mailbox, LoginKind.Webmail, new CallerIdentity(CallerKind.GitHub, login), MintChannel.GitHub);
        await harness.Service.MintAsync(As("octocat", "alice@example.com"));
        await harness.Service.MintAsync(As("OctoCat", "carol@example.com"));

        var refused = await Assert.ThrowsAsync<MintRefusedException>(() => harness.Service.MintAsync(As("OCTOCAT", "dave@example.com")));

        Assert.Equal(RefusalReason.RateLimited, refused.Reason);
        Assert.Equal(2, harness.Emulator.Sessions.Count);
    }

    [Fact]
    public async Task MintAsync_TokenSavedWithATrailingNewline_IsTrimmedAndWorks()
    {
        _harness.Vault.SetSecret("web1-whm", DefaultSeed.RootToken + "\r\n");

        var link = await _harness.Service.MintAsync(Webmail("alice@example.com"));

        Assert.Equal("alice@example.com", link.Target);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\0")]
    [InlineData("\u0007")]
    public async Task MintAsync_TokenWithAControlCharacterInside_FailsAsAConfigurationErrorNamingTheReferenceAndIsAudited(string inside)
    {
        var value = DefaultSeed.RootToken[..8] + inside + DefaultSeed.RootToken[8..];
        _harness.Vault.SetSecret("web1-whm", value);

        var failure = await Assert.ThrowsAsync<SecretStoreException>(() => _harness.Service.MintAsync(Webmail("alice@example.com")));

        Assert.Equal(SecretFailure.Misconfigured, failure.Failure);
        Assert.Contains("keyvault:web1-whm", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DefaultSeed.RootToken[..8], failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Emulator.Requests.Total);
        var record = Assert.Single(_harness.Audit.Records);
        Assert.Equal((AuditOutcome.Failed, "secret-misconfigured"), (record.Outcome, record.ErrorClass));
    }

    [Theory]
    [InlineData("alice@example.com")] // WHM token: create_user_session, logged in with a GET
    [InlineData("dave@example.org")] // cPanel token: UAPI, logged in with the form POST
    public async Task VerifyAsync_LoginCheckLoggedAtTrace_NoSessionCookieOrLinkInAnyLogStateOrMessage(string mailbox)
    {
        var link = await _harness.Service.MintAsync(Webmail(mailbox));
        var check = await _harness.Services.GetRequiredService<CpanelLoginVerifier>().VerifyAsync(link.Session);
        Assert.True(check.Succeeded, check.Detail);

        var logged = _harness.Logs.GetSnapshot();
        Assert.Contains(logged, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Trace);
        var seen = logged.SelectMany(r => new[] { r.Message, r.Exception?.ToString() ?? "" }
            .Concat(r.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? [])).ToList();
        // The cookie's name is enough: wherever it appears, its value travels with it (Set-Cookie, Cookie).
        var secrets = new[] { "webmailsession", link.Session.Secret.Reveal(), link.LoginFormBody.Reveal(), link.LoginLink.Reveal(), DefaultSeed.RootToken };
        foreach (var secret in secrets)
        {
            var leak = seen.FirstOrDefault(text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, "a secret was logged: " + leak);
        }
    }

    [Theory]
    [InlineData("alice\u202e@example.com")]
    [InlineData("alice\u2066@example.com")]
    [InlineData("alice\u200b@example.com")]
    public async Task MintAsync_BidiOrInvisibleCharacters_NeverReachTheAuditRecordOrLog(string target)
    {
        await Assert.ThrowsAsync<MintValidationException>(() => _harness.Service.MintAsync(Webmail(target)));

        var record = Assert.Single(_harness.Audit.Records);
        Assert.DoesNotContain(record.Target, c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
        Assert.All(_harness.Logs.GetSnapshot().SelectMany(r => r.StructuredState?.Select(kv => kv.Value ?? "") ?? []),
            v => Assert.DoesNotContain(v, c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format));
    }
}
