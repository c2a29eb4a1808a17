using System.Collections.Concurrent;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Fleet;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Links.Internal;

/// <summary>
/// WHM <c>create_user_session</c> mints for any address on a domain of the server, whether the mailbox exists or not and
/// whatever is suspended; the session then cannot log in. Before a mailbox link is minted through WHM this confirms, with
/// WHM's own functions, that the mailbox exists and neither its logins nor its account are suspended: the owner from the
/// route or <c>getdomainowner</c>, then <c>accountsummary</c> and <c>uapi_cpanel</c> → <c>Email::list_pops</c>, sent
/// together. Answers are cached per server for <see cref="CpanelClientOptions.MailboxCheckCacheDuration"/>, so a cold
/// cache costs one round trip (two when the route names no owner) and a warm one none.
/// </summary>
internal sealed class WhmMailboxCheck(IOptions<CpanelClientOptions> options, TimeProvider timeProvider)
{
    internal const string Function = "mailbox check";

    private readonly ConcurrentDictionary<(string Server, string Domain), Cached<string?>> _owners = new();
    private readonly ConcurrentDictionary<(string Server, string Owner), Cached<AccountView>> _accounts = new();

    /// <summary>Returns when <paramref name="route"/>'s mailbox can log in; otherwise throws.</summary>
    /// <exception cref="CpanelApiException"><see cref="CpanelErrorKind.UserNotFound"/> (no such mailbox, or no account of
    /// the credential's owns the domain) or <see cref="CpanelErrorKind.Suspended"/> (its logins or its account).</exception>
    /// <exception cref="CpanelException">A WHM call failed.</exception>
    public async Task EnsureCanLogInAsync(CpanelClient client, FleetRoute route, CancellationToken cancellationToken)
    {
        var server = route.ServerName;
        var owner = route.Owner ?? await GetAsync(_owners, (server, route.Domain), () => client.GetDomainOwnerAsync(route.Domain, cancellationToken))
            .ConfigureAwait(false);
        if (owner is null)
        {
            throw new CpanelApiException(server, Function,
                $"no account of {client.Credential.UserName} on it owns {route.Domain} (WHM getdomainowner), so no mailbox there can log in.",
                CpanelErrorKind.UserNotFound);
        }

        var account = await GetAsync(_accounts, (server, owner), () => LoadAccountAsync(client, owner, cancellationToken)).ConfigureAwait(false);
        if (!account.Mailboxes.TryGetValue(route.Address, out var loginSuspended))
        {
            throw new CpanelApiException(server, Function,
                $"the account {owner} has no mailbox {route.Address} (UAPI Email::list_pops), so a link could not log in.", CpanelErrorKind.UserNotFound);
        }

        if (account.Suspended)
        {
            throw new CpanelApiException(server, Function, $"the account {owner} that holds {route.Address} is suspended (WHM accountsummary).",
                CpanelErrorKind.Suspended);
        }

        if (loginSuspended)
        {
            throw new CpanelApiException(server, Function, $"logins for {route.Address} are suspended (UAPI Email::list_pops).", CpanelErrorKind.Suspended);
        }
    }

    private static async Task<AccountView> LoadAccountAsync(CpanelClient client, string owner, CancellationToken cancellationToken)
    {
        // Sent together: one round trip's latency for both answers.
        var summary = client.GetAccountSummaryAsync(owner, cancellationToken);
        var mailboxes = client.ListMailboxesAsync(owner, cancellationToken);
        await Task.WhenAll(summary, mailboxes).ConfigureAwait(false);
        var byAddress = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var mailbox in mailboxes.Result)
        {
            byAddress[mailbox.Address] = mailbox.LoginSuspended;
        }

        return new AccountView(summary.Result.Suspended, byAddress);
    }

    private async Task<T> GetAsync<TKey, T>(ConcurrentDictionary<TKey, Cached<T>> cache, TKey key, Func<Task<T>> load)
        where TKey : notnull
    {
        var now = timeProvider.GetUtcNow();
        if (cache.TryGetValue(key, out var cached) && now < cached.ExpiresAt)
        {
            return cached.Value;
        }

        var value = await load().ConfigureAwait(false);
        var duration = options.Value.MailboxCheckCacheDuration;
        if (duration > TimeSpan.Zero)
        {
            cache[key] = new Cached<T>(value, timeProvider.GetUtcNow() + duration);
        }

        return value;
    }

    private sealed record Cached<T>(T Value, DateTimeOffset ExpiresAt);

    private sealed record AccountView(bool Suspended, Dictionary<string, bool> Mailboxes);
}
