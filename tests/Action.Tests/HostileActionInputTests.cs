using CpanelSessionOps.Action.Tests.Support;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Action.Tests;

/// <summary>
/// Hostile and malformed inputs to the Action, through its public entry point as the runner starts it (INPUT_* handed in,
/// temporary output and summary files), against the emulator. For every case: the documented exit code (0, 1 or 2, never
/// a crash); cPanel contacted only where the case says it may be; the token and any session string never printed except
/// in <c>::add-mask::</c> commands, and never in stderr, outputs or the summary; no untrusted text starts a workflow
/// command of its own. Messages are not asserted (they may change); statuses and absences are.
/// </summary>
public sealed class HostileActionInputTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private sealed record Case(string Name, Dictionary<string, string> Inputs, int[] ExitCodes, bool MayReachCpanel = false, string? FleetFile = null);

    private static readonly string Token = DefaultSeed.RootToken;

    private static readonly Dictionary<string, Case> Cases = BuildCases().ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Action_HostileInput_ExitsAsDocumented_ReachesCpanelOnlyWhenItShould_AndPrintsNoSecret(string name)
    {
        var @case = Cases[name];
        var cpanelBefore = fixture.Emulator.Requests.Total;
        using var run = new ActionRun(fixture.Emulator, @case.Inputs);
        if (@case.FleetFile is { } fleet)
        {
            run.Environment["INPUT_FLEET"] = run.WriteFile("fleet.json", fleet);
        }

        var exit = await run.RunAsync();

        Assert.True(@case.ExitCodes.Contains(exit), $"{name} exited {exit}, expected {string.Join(" or ", @case.ExitCodes)}:\n{run.Output}\n{run.Error}");
        if (!@case.MayReachCpanel)
        {
            Assert.Equal(cpanelBefore, fixture.Emulator.Requests.Total);
        }

        var printed = run.Output.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)).ToList();
        var everywhere = printed.Append(run.Error).Append(run.Summary).Concat(run.Outputs().Values).ToList();
        var tokenParts = (run.Environment.GetValueOrDefault("INPUT_API-TOKEN") ?? "")
            .Split(['\r', '\n', '\0', '\u001b'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 8).Append(Token[..16]).Append(Token[16..]);
        foreach (var text in everywhere)
        {
            Assert.DoesNotContain(tokenParts, part => text.Contains(part, StringComparison.Ordinal));
            Assert.False(SecretScanner.HasSessionString(text), $"{name}: a session string was printed: {text}");
        }

        // Only the program's own commands start a line with ::, each a known command.
        Assert.All(printed.Where(l => l.StartsWith("::", StringComparison.Ordinal)),
            line => Assert.Matches("^::(error|warning|notice)( title=[^:]*)?::", line));
    }

    private static Dictionary<string, string> With(params (string Input, string Value)[] inputs) =>
        inputs.ToDictionary(i => "INPUT_" + i.Input.ToUpperInvariant(), i => i.Value);

    private static IEnumerable<Case> BuildCases()
    {
        int[] usage = [2], failed = [1], passed = [0];

        // A token saved with a line break: trimmed around, refused inside (a configuration error, exit 2), never a crash.
        yield return new Case("token-trailing-newline", With(("api-token", Token + "\n"), ("mailboxes", "alice@example.com")), passed, MayReachCpanel: true);
        yield return new Case("token-trailing-crlf", With(("api-token", Token + "\r\n"), ("mailboxes", "alice@example.com")), passed, MayReachCpanel: true);
        yield return new Case("token-newline-inside", With(("api-token", Token[..16] + "\n" + Token[16..]), ("mailboxes", "alice@example.com")), usage);
        yield return new Case("token-cr-inside", With(("api-token", Token[..16] + "\r" + Token[16..]), ("mailboxes", "alice@example.com")), usage);
        yield return new Case("token-nul-inside", With(("api-token", Token[..16] + "\0" + Token[16..]), ("mailboxes", "alice@example.com")), usage);
        yield return new Case("token-escape-inside", With(("api-token", Token[..16] + "\u001b" + Token[16..]), ("mailboxes", "alice@example.com")), usage);
        yield return new Case("token-workflow-command", With(("api-token", Token + "\n::set-output name=x::y"), ("mailboxes", "alice@example.com")), usage);

        // Mailboxes that must never reach cPanel: each is refused as bad input (exit 2), reported safely.
        string[] mailboxes =
        [
            "alice@ｅｘａｍｐｌｅ.com", "alice\u202e@example.com", "::set-output name=x::y", "%0A::error::x@example.com", "alice@example.com/../x",
            "alice@exam\u200bple.com", "<img src=x>@example.com", "[a](https://evil.test)@example.com", "alice@127.0.0.1", "alice@localhost",
            "alice@\u212a.example.com", "ａlice@example.com", "alice@example.com?x", "alice%40example.com", "alice@@example.com", "*@example.com",
        ];
        foreach (var (mailbox, i) in mailboxes.Select((m, i) => (m, i)))
        {
            yield return new Case($"mailbox-{i:00}", With(("mailboxes", mailbox)), usage);
        }

        yield return new Case("mailbox-line-injection", With(("mailboxes", "alice@example.com\n::add-mask::x\n::error::forged")), usage, MayReachCpanel: true);
        yield return new Case("mailbox-unknown", With(("mailboxes", "nobody@evil.test")), failed, MayReachCpanel: true);
        yield return new Case("locale-traversal", With(("mailboxes", "alice@example.com"), ("locale", "../x")), usage);

        // Inputs the program refuses before anything is sent (exit 2).
        (string Input, string Value)[] badInputs =
        [
            ("server", "evil.test/x"), ("server", "a b"), ("cpanel-port", "0"), ("whm-port", "70000"), ("webmail-port", "abc"), ("concurrency", "-1"),
            ("concurrency", "1000"), ("timeout", "0"), ("timeout", "1e3"), ("report", "everything"), ("certificate-sha256", "zz"),
            ("fail-on-error", "maybe"), ("verify-login", "yes please"), ("auth", "password"), ("username", " "), ("mailboxes", " "), ("mailboxes", ",,\n,"),
            ("fleet", "/nonexistent/fleet.json"), ("report", "summary,check-run%0A::error::x"),
        ];
        foreach (var ((input, value), i) in badInputs.Select((b, i) => (b, i)))
        {
            yield return new Case($"input-{input}-{i:00}", With((input, value)), usage);
        }

        yield return new Case("expose-link-two-mailboxes", With(("expose-link", "true"), ("mailboxes", "alice@example.com,carol@example.com")), usage);
        yield return new Case("no-token", With(("api-token", "")), usage);
        yield return new Case("key-vault-without-secret-name", With(("api-token", ""), ("key-vault-url", "https://vault.example.net")), usage);
        yield return new Case("fleet-not-json", With(), usage, FleetFile: "{ not json");
        yield return new Case("fleet-bad-route", With(), usage, FleetFile: """{"Fleet":{"Servers":{"web1":{"Host":"127.0.0.1","Auth":"WhmToken","UserName":"root","Secret":"env:INPUT_API-TOKEN"}},"Routes":[{"Domain":"example.com","Server":"web9"}]}}""");
    }
}
