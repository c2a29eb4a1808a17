using System.Globalization;
using System.Text.Json;
using CpanelSessionOps.Cpanel;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// The CPU-bound floor of the command line's <c>check</c> (issue #21; run by <c>benchmarks/action-check.sh</c>): the same
/// cPanel work for the same mailboxes at the same concurrency, through <see cref="CpanelClient"/> and
/// <see cref="CpanelLoginVerifier"/> alone, in a process of its own started the same way. For each mailbox: WHM
/// <c>create_user_session</c> for webmail, then the login with the session (unless <c>--mint-only</c>), and nothing
/// else: no validation, policy, rate limits, routing, mailbox check, audit or report. What <c>check</c> takes beyond
/// this is what the product adds.
/// </summary>
/// <remarks>usage: <c>CpanelSessionOps.Benchmarks check-floor EMULATOR_INFO_FILE MAILBOXES_FILE CONCURRENCY [--mint-only]</c>;
/// the WHM token is read from <c>CPANEL_API_TOKEN</c>, as <c>check</c> reads it.</remarks>
internal static class CheckFloor
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency) || concurrency < 1)
        {
            await Console.Error.WriteLineAsync("usage: check-floor EMULATOR_INFO_FILE MAILBOXES_FILE CONCURRENCY [--mint-only]").ConfigureAwait(false);
            return 2;
        }

        using var info = JsonDocument.Parse(await File.ReadAllTextAsync(args[0]).ConfigureAwait(false));
        var root = info.RootElement;
        var mailboxes = File.ReadLines(args[1]).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var verify = !args.Contains("--mint-only");
        var token = Environment.GetEnvironmentVariable("CPANEL_API_TOKEN") ?? "";

        await using var services = new ServiceCollection().AddLogging().AddCpanelClient().BuildServiceProvider();
        var server = new CpanelServer("127.0.0.1", "127.0.0.1")
        {
            CpanelPort = new Uri(root.GetProperty("cpanelUrl").GetString()!).Port,
            WhmPort = new Uri(root.GetProperty("whmUrl").GetString()!).Port,
            WebmailPort = new Uri(root.GetProperty("webmailUrl").GetString()!).Port,
            PinnedCertificateSha256 = [root.GetProperty("certificateSha256").GetString()!],
        };
        var client = services.GetRequiredService<CpanelClientFactory>().CreateClient(server, new WhmApiTokenCredential("root", new SensitiveString(token)));
        var verifier = services.GetRequiredService<CpanelLoginVerifier>();
        var failed = 0;
        await Parallel.ForEachAsync(mailboxes, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (mailbox, cancellationToken) =>
        {
            var session = await client.CreateUserSessionAsync(new UserSessionRequest(mailbox, SessionService.Webmail), cancellationToken).ConfigureAwait(false);
            if (verify && !(await verifier.VerifyAsync(session, cancellationToken).ConfigureAwait(false)).Succeeded)
            {
                Interlocked.Increment(ref failed);
            }
        }).ConfigureAwait(false);

        await Console.Out.WriteLineAsync($"{mailboxes.Count} mailboxes, {failed} failed").ConfigureAwait(false);
        return failed == 0 ? 0 : 1;
    }
}
