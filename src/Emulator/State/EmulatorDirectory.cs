using CpanelSessionOps.Emulator.Internal;
using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Emulator.State;

/// <summary>The seeded accounts, mailboxes and WHM users, indexed for the lookups each request makes.</summary>
internal sealed class EmulatorDirectory
{
    private readonly Dictionary<string, SeedAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SeedWhmUser> _whmUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SeedAccount Account, SeedMailbox Mailbox)> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (SeedAccount Account, SeedToken Token)> _cpanelTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SeedWhmUser User, SeedToken Token)> _whmTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _totpKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SeedAccount> _domains = new(StringComparer.OrdinalIgnoreCase);

    public EmulatorDirectory(EmulatorSeed seed)
    {
        SeedLoader.Validate(seed);
        Server = seed.Server ?? new SeedServer();
        foreach (var user in seed.WhmUsers)
        {
            _whmUsers[user.User] = user;
            foreach (var token in user.Tokens)
            {
                _whmTokens[token.Token] = (user, token);
            }
        }

        foreach (var account in seed.Accounts)
        {
            _accounts[account.User] = account;
            foreach (var token in account.Tokens)
            {
                _cpanelTokens[token.Token] = (account, token);
            }

            foreach (var domain in account.Domains)
            {
                _domains[domain] = account;
            }

            foreach (var mailbox in account.Mailboxes)
            {
                _mailboxes[mailbox.Address] = (account, mailbox);
            }

            if (account.TotpSecret is { } secret && Totp.TryDecodeBase32(secret, out var key))
            {
                _totpKeys[account.User] = key;
            }
        }
    }

    /// <summary>The WHM users, in seed order.</summary>
    public IEnumerable<SeedWhmUser> WhmUsers => _whmUsers.Values;

    /// <summary>The cPanel accounts, in seed order.</summary>
    public IEnumerable<SeedAccount> Accounts => _accounts.Values;

    /// <summary>The server's own names (public IP, whether its host name resolves, its SSL domain).</summary>
    public SeedServer Server { get; }

    public SeedAccount? FindAccount(string user) => _accounts.GetValueOrDefault(user);

    public SeedWhmUser? FindWhmUser(string user) => _whmUsers.GetValueOrDefault(user);

    /// <summary>The account that owns <paramref name="domain"/>, or null when the domain is not on this server.</summary>
    public SeedAccount? FindDomainOwner(string domain) => _domains.GetValueOrDefault(domain);

    /// <summary>Every domain on the server, with its owner.</summary>
    public IReadOnlyDictionary<string, SeedAccount> Domains => _domains;

    public bool TryFindMailbox(string address, out SeedAccount account, out SeedMailbox mailbox)
    {
        if (_mailboxes.TryGetValue(address, out var found))
        {
            (account, mailbox) = found;
            return true;
        }

        account = null!;
        mailbox = null!;
        return false;
    }

    public bool TryFindCpanelToken(string token, out SeedAccount account, out SeedToken seedToken)
    {
        if (_cpanelTokens.TryGetValue(token, out var found))
        {
            (account, seedToken) = found;
            return true;
        }

        account = null!;
        seedToken = null!;
        return false;
    }

    public bool TryFindWhmToken(string token, out SeedWhmUser user, out SeedToken seedToken)
    {
        if (_whmTokens.TryGetValue(token, out var found))
        {
            (user, seedToken) = found;
            return true;
        }

        user = null!;
        seedToken = null!;
        return false;
    }

    public byte[]? TotpKey(string user) => _totpKeys.GetValueOrDefault(user);
}
