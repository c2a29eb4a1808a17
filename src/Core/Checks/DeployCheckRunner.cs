using System.Collections.Concurrent;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;

namespace CpanelSessionOps.Checks;

/// <summary>
/// Checks that webmail opens for a list of mailboxes after a deploy: mints each through <see cref="LinkMintingService"/>
/// (so policy and audit apply) and logs in with it through <see cref="CpanelLoginVerifier"/>. Failures are results.
/// Once a server refuses the credential, its remaining mailboxes are not tried (the same token would be refused for each,
/// and repeated refusals can get the address blocked by cPHulk): they are reported as not checked.
/// </summary>
public sealed class DeployCheckRunner(LinkMintingService minting, CpanelLoginVerifier verifier, CpanelFleet fleet, TimeProvider timeProvider)
{
    /// <summary>Checks every mailbox, <see cref="DeployCheckOptions.Concurrency"/> at a time, in the given order.</summary>
    /// <param name="mailboxes">The mailboxes.</param>
    /// <param name="caller">Who runs the check (for policy and audit).</param>
    /// <param name="channel">Action or CLI.</param>
    /// <param name="options">How to check.</param>
    /// <param name="onMinted">Called with each link as soon as it exists (before anything is printed), e.g. to mask it.</param>
    /// <param name="onResult">Called as each mailbox finishes, for progress.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public async Task<IReadOnlyList<MailboxCheckResult>> RunAsync(
        IReadOnlyList<string> mailboxes, CallerIdentity caller, MintChannel channel, DeployCheckOptions options,
        Action<MintedLink>? onMinted = null, Action<MailboxCheckResult>? onResult = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailboxes);
        ArgumentNullException.ThrowIfNull(options);
        var results = new MailboxCheckResult[mailboxes.Count];
        var refused = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, mailboxes.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var server = ServerOf(mailboxes[i]);
                results[i] = server is not null && refused.ContainsKey(server)
                    ? new MailboxCheckResult(mailboxes[i], false, TimeSpan.Zero, "authentication", MailboxCheckResult.CredentialRefusedMessage) { NotChecked = true }
                    : await CheckAsync(mailboxes[i], caller, channel, options, onMinted, refused, ct).ConfigureAwait(false);
                onResult?.Invoke(results[i]);
            }).ConfigureAwait(false);
        return results;
    }

    private string? ServerOf(string mailbox)
    {
        try
        {
            return fleet.Route(mailbox).ServerName;
        }
        catch (Exception ex) when (ex is ArgumentException or DomainNotManagedException)
        {
            return null;
        }
    }

    private async Task<MailboxCheckResult> CheckAsync(
        string mailbox, CallerIdentity caller, MintChannel channel, DeployCheckOptions options, Action<MintedLink>? onMinted,
        ConcurrentDictionary<string, bool> refused, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        // The deadline runs on the injected clock, so a test's fake clock (not the machine's) decides when a check times out.
        using var deadline = new CancellationTokenSource(options.Timeout, timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        // A check that logs in proves the mailbox exists and can log in, so it may skip the WHM mailbox check before minting.
        var skipMailboxCheck = options.VerifyLogin && options.SkipMailboxCheck;
        MailboxCheckResult Result(bool ok, string? errorClass, string? message, IReadOnlyList<LoginHop>? hops = null) =>
            new(mailbox, ok, timeProvider.GetElapsedTime(started), errorClass, message) { MailboxCheckSkipped = skipMailboxCheck, LoginHops = hops ?? [] };
        try
        {
            var link = await minting.MintAsync(
                new MintRequest(mailbox, LoginKind.Webmail, caller, channel) { Locale = options.Locale, SkipMailboxCheck = skipMailboxCheck }, timeout.Token)
                .ConfigureAwait(false);
            onMinted?.Invoke(link);
            if (!options.VerifyLogin)
            {
                return Result(true, null, "minted.");
            }

            var login = await verifier.VerifyAsync(link.Session, timeout.Token).ConfigureAwait(false);
            var skipped = skipMailboxCheck ? " (mailbox check before minting skipped: the login check covers it)" : "";
            return login.Succeeded ? Result(true, null, login.Detail + skipped, login.Hops) : Result(false, "login", login.Detail + skipped, login.Hops);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result(false, "timeout", $"no result within {options.Timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException && LinkMintingService.Classify(ex) is { } classified)
        {
            if (ex is CpanelAuthenticationException authentication)
            {
                refused.TryAdd(authentication.ServerName, true);
            }

            return Result(false, classified.ErrorClass, ex.Message);
        }
    }
}
