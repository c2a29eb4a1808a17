using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Core.Tests.Cpanel;

/// <summary>
/// Feeds real secrets (tokens, passwords, session strings, login links) through every success and failure path and
/// checks that none of them shows in an exception message or ToString(), a model's ToString(), a login check's
/// report, or any log record.
/// </summary>
public sealed class SecretLeakTests
{
    private const string WrongToken = "LEAKCHECKWRONGTOKEN0000000000001";
    private const string WrongPassword = "leak-check-wrong-Passw0rd";
    private const string WrongMailboxPassword = "leak-check-mailbox-Passw0rd";

    [Fact]
    public async Task EveryPath_WithRealSecrets_NeverShowsThem()
    {
        // The emulator's clock never moves: the latency fault below lasts until the client gives up, however slow the machine.
        await using var server = await EmulatedServer.StartAsync(new CpanelEmulatorOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow) }, configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetryAttempts = 1;
        });
        var emulator = server.Emulator;
        var demo = server.Client(EmulatedServer.DemoToken);
        var password = server.Client(new CpanelPasswordCredential("demo", new SensitiveString(DefaultSeed.DemoPassword)));
        var seen = new List<string>();
        var secrets = new List<string> { DefaultSeed.DemoToken, DefaultSeed.RootToken, DefaultSeed.DemoPassword, DefaultSeed.AlicePassword, WrongToken, WrongPassword, WrongMailboxPassword };

        async Task Observe(Func<Task> call)
        {
            var exception = await Record.ExceptionAsync(call);
            Assert.True(exception is not null, $"expected a failure after {seen.Count / 2} failures");
            seen.Add(exception.Message);
            seen.Add(exception.ToString());
        }

        var checkAlice = new CheckPasswordSessionRequest("alice", "example.com", new SensitiveString(DefaultSeed.AlicePassword));
        await Observe(() => server.Client(new CpanelApiTokenCredential("demo", new SensitiveString(WrongToken))).CreateWebmailSessionForSelfAsync());
        await Observe(() => server.Client(new CpanelPasswordCredential("demo", new SensitiveString(WrongPassword))).CreateWebmailSessionForSelfAsync());
        await Observe(() => server.Client(new WhmApiTokenCredential("root", new SensitiveString(WrongToken))).CreateUserSessionAsync(new UserSessionRequest("demo", SessionService.Cpanel)));
        await Observe(() => demo.CreateWebmailSessionForMailUserCheckPasswordAsync(
            new CheckPasswordSessionRequest("alice", "example.com", new SensitiveString(WrongMailboxPassword))));
        await Observe(() => server.Factory.CreateClient(EmulatedServer.Describe(emulator, pins: [new string('B', 64)]), EmulatedServer.DemoToken)
            .CreateWebmailSessionForMailUserCheckPasswordAsync(checkAlice));
        foreach (var fault in new[] { FaultKind.Http503, FaultKind.MalformedJson, FaultKind.HtmlLoginPage, FaultKind.ConnectionReset, FaultKind.RequestFailed })
        {
            emulator.Faults.Add(new FaultRule { Kind = fault });
            await Observe(() => demo.CreateWebmailSessionForMailUserCheckPasswordAsync(checkAlice));
            await Observe(() => password.CreateWebmailSessionForSelfAsync());
            await Observe(() => server.Client(EmulatedServer.RootToken).CreateUserSessionAsync(new UserSessionRequest("alice@example.com", SessionService.Webmail)));
            emulator.Faults.Clear();
        }

        emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(2) });
        await Observe(() => demo.CreateWebmailSessionForMailUserCheckPasswordAsync(checkAlice));
        emulator.Faults.Clear();

        var sessions = new[]
        {
            await demo.CreateWebmailSessionForMailUserCheckPasswordAsync(checkAlice),
            await server.Client(EmulatedServer.RootToken).CreateUserSessionAsync(new UserSessionRequest("alice@example.com", SessionService.Webmail)),
        };
        foreach (var session in sessions)
        {
            secrets.AddRange([session.Secret.Reveal(), session.LoginLink.Reveal(), session.LoginFormBody.Reveal(), session.Secret.Reveal().Split(',')[1]]);
            seen.AddRange([session.ToString(), session.Secret.ToString(), session.LoginLink.ToString(), session.LoginFormBody.ToString()]);
            var first = await server.Verifier.VerifyAsync(session);
            var reused = await server.Verifier.VerifyAsync(session);
            seen.AddRange([first.ToString(), reused.ToString()]);
        }

        seen.AddRange([checkAlice.ToString(), EmulatedServer.DemoToken.ToString(), EmulatedServer.RootToken.ToString(), server.Server.ToString()]);
        foreach (var record in server.Logs.GetSnapshot())
        {
            seen.Add(record.Message);
            seen.Add(record.Exception?.ToString() ?? "");
            seen.AddRange(record.StructuredState?.Select(kv => record.Category + ":" + record.Id + " " + kv.Key + "=" + kv.Value) ?? []);
        }

        Assert.True(server.Logs.Count > 10, "the scan must have log records to look at");
        foreach (var secret in secrets)
        {
            var leaks = seen.Where(text => text.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"a secret of {secret.Length} characters appeared in: {string.Join(" | ", leaks.Select(l => l.Replace(secret, "<SECRET>", StringComparison.Ordinal)))}");
        }
    }
}
