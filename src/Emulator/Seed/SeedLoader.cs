using System.Text.Json;
using System.Text.RegularExpressions;
using CpanelSessionOps.Emulator.Internal;

namespace CpanelSessionOps.Emulator.Seed;

/// <summary>Reads, writes and validates seed files.</summary>
public static partial class SeedLoader
{
    /// <summary>Reads a seed from JSON text and validates it.</summary>
    /// <exception cref="SeedException">The JSON is malformed or an entry is invalid; the message says which.</exception>
    public static EmulatorSeed Parse(string json, string source = "seed")
    {
        EmulatorSeed? seed;
        try
        {
            seed = JsonSerializer.Deserialize(json, SeedJsonContext.Default.EmulatorSeed);
        }
        catch (JsonException ex)
        {
            throw new SeedException($"{source}: not valid seed JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        if (seed is null)
        {
            throw new SeedException($"{source}: the seed is empty; write an object with \"whmUsers\" and \"accounts\".");
        }

        Normalize(seed);
        Validate(seed, source);
        return seed;
    }

    // JSON may say null (or nothing) where a list belongs; an absent list is an empty one.
    private static void Normalize(EmulatorSeed seed)
    {
        seed.WhmUsers ??= [];
        seed.Accounts ??= [];
        seed.Server ??= new SeedServer();
        seed.Server.PublicIp ??= "127.0.0.1";
        foreach (var user in seed.WhmUsers.Where(u => u is not null))
        {
            user.User ??= "";
            user.Tokens ??= [];
        }

        foreach (var account in seed.Accounts.Where(a => a is not null))
        {
            account.User ??= "";
            account.Owner ??= "root";
            account.Locale ??= "en";
            account.Domains ??= [];
            account.Tokens ??= [];
            account.Mailboxes ??= [];
            foreach (var mailbox in account.Mailboxes.Where(m => m is not null))
            {
                mailbox.Login ??= "";
                mailbox.Domain ??= "";
            }
        }
    }

    /// <summary>Reads a seed file and validates it.</summary>
    /// <exception cref="SeedException">The file is missing, unreadable, malformed or invalid.</exception>
    public static async Task<EmulatorSeed> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SeedException($"seed file {path}: cannot be read ({ex.Message}).", ex);
        }

        return Parse(json, path);
    }

    /// <summary>Writes a seed as indented camelCase JSON.</summary>
    public static string ToJson(EmulatorSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return JsonSerializer.Serialize(seed, SeedJsonContext.Default.EmulatorSeed);
    }

    /// <summary>Checks every entry and throws on the first problem, naming it.</summary>
    /// <exception cref="SeedException">An entry is invalid.</exception>
    public static void Validate(EmulatorSeed seed, string source = "seed")
    {
        ArgumentNullException.ThrowIfNull(seed);
        var whmUsers = new Dictionary<string, SeedWhmUser>(StringComparer.Ordinal);
        var tokens = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < seed.WhmUsers.Count; i++)
        {
            var user = seed.WhmUsers[i] ?? throw Bad(source, $"whmUsers[{i}]", "is null; remove it or write an object");
            var at = $"whmUsers[{i}]";
            if (!UserName().IsMatch(user.User))
            {
                throw Bad(source, at + ".user", $"“{user.User}” is not a valid user name; use 1 to 16 lower-case letters and digits, starting with a letter");
            }

            if (!whmUsers.TryAdd(user.User, user))
            {
                throw Bad(source, at + ".user", $"“{user.User}” is listed twice; keep one entry");
            }

            if (user.User == "root" && user.Reseller)
            {
                throw Bad(source, at + ".reseller", "root is not a reseller; remove \"reseller\": true");
            }

            if (user.User != "root" && !user.Reseller)
            {
                throw Bad(source, at + ".reseller", $"“{user.User}” must be root or a reseller; set \"reseller\": true");
            }

            ValidateTokens(source, at, user.Tokens, tokens);
        }

        var server = seed.Server ?? new SeedServer();
        if (!CpanelText.IsValidIpAddress(server.PublicIp ?? ""))
        {
            throw Bad(source, "server.publicIp", $"“{server.PublicIp}” is not an IP address; use one such as \"192.0.2.10\"");
        }

        if (server.SslDomain is { } sslDomain && !DomainName().IsMatch(sslDomain))
        {
            throw Bad(source, "server.sslDomain", $"“{sslDomain}” is not a valid domain name; use null for none");
        }

        var accounts = new HashSet<string>(StringComparer.Ordinal);
        var domains = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < seed.Accounts.Count; i++)
        {
            var account = seed.Accounts[i] ?? throw Bad(source, $"accounts[{i}]", "is null; remove it or write an object");
            var at = $"accounts[{i}]";
            if (!UserName().IsMatch(account.User) || account.User == "root")
            {
                throw Bad(source, at + ".user", $"“{account.User}” is not a valid cPanel user name; use 1 to 16 lower-case letters and digits, starting with a letter (not root)");
            }

            if (!accounts.Add(account.User))
            {
                throw Bad(source, at + ".user", $"“{account.User}” is listed twice; keep one entry");
            }

            if (account.Owner != "root" && !(whmUsers.TryGetValue(account.Owner, out var owner) && owner.Reseller))
            {
                throw Bad(source, at + ".owner", $"“{account.Owner}” is neither root nor a reseller in whmUsers; add the reseller or use \"root\"");
            }

            if (!CpanelText.Locales.Contains(account.Locale))
            {
                throw Bad(source, at + ".locale", $"“{account.Locale}” is not a known locale; use a lower-case cPanel locale such as \"en\"");
            }

            if (account.TotpSecret is { } secret && !Totp.TryDecodeBase32(secret, out _))
            {
                throw Bad(source, at + ".totpSecret", "is not base32 (A-Z and 2-7); use null for no two-factor authentication");
            }

            for (var d = 0; d < account.Domains.Count; d++)
            {
                var domain = account.Domains[d];
                if (domain is null || !DomainName().IsMatch(domain))
                {
                    throw Bad(source, $"{at}.domains[{d}]", $"“{domain}” is not a valid domain name; use lower-case labels such as \"example.com\"");
                }

                if (!domains.TryAdd(domain, account.User))
                {
                    throw Bad(source, $"{at}.domains[{d}]", $"“{domain}” already belongs to account “{domains[domain]}”; a domain has one owner");
                }
            }

            ValidateTokens(source, at, account.Tokens, tokens);

            for (var m = 0; m < account.Mailboxes.Count; m++)
            {
                var mailbox = account.Mailboxes[m] ?? throw Bad(source, $"{at}.mailboxes[{m}]", "is null; remove it or write an object");
                var mat = $"{at}.mailboxes[{m}]";
                if (!MailboxLogin().IsMatch(mailbox.Login))
                {
                    throw Bad(source, mat + ".login", $"“{mailbox.Login}” is not a valid mailbox login; use letters, digits and . _ - +");
                }

                if (!account.Domains.Contains(mailbox.Domain, StringComparer.OrdinalIgnoreCase))
                {
                    throw Bad(source, mat + ".domain", $"“{mailbox.Domain}” is not one of the account's domains; add it to {at}.domains");
                }

                if (!addresses.Add(mailbox.Address))
                {
                    throw Bad(source, mat, $"“{mailbox.Address}” is listed twice; keep one entry");
                }

                if (mailbox.RemoteHost is { } remote && !DomainName().IsMatch(remote))
                {
                    throw Bad(source, mat + ".remoteHost", $"“{remote}” is not a host name; use null for a local mailbox");
                }
            }
        }
    }

    private static void ValidateTokens(string source, string at, IList<SeedToken> tokens, HashSet<string> seen)
    {
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t] ?? throw Bad(source, $"{at}.tokens[{t}]", "is null; remove it");
            if (!TokenName().IsMatch(token.Name))
            {
                throw Bad(source, $"{at}.tokens[{t}].name", $"“{token.Name}” is not a valid token name; use 1 to 50 of A-Z a-z 0-9 _ -");
            }

            if (!TokenValue().IsMatch(token.Token))
            {
                throw Bad(source, $"{at}.tokens[{t}].token", "must be 1 to 64 letters and digits");
            }

            if (!seen.Add(token.Token))
            {
                throw Bad(source, $"{at}.tokens[{t}].token", "is used by another entry; every token must be unique");
            }
        }
    }

    // Token values are never echoed: a seed may hold real-looking secrets.
    private static SeedException Bad(string source, string field, string problem) => new($"{source}: {field} {problem}.");

    [GeneratedRegex("^[a-z][a-z0-9]{0,15}$")]
    private static partial Regex UserName();

    /// <summary>Whether <paramref name="value"/> is a lower-case domain name as the seed takes them.</summary>
    internal static bool IsDomainName(string value) => DomainName().IsMatch(value);

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex DomainName();

    [GeneratedRegex("^[A-Za-z0-9._+-]{1,64}$")]
    private static partial Regex MailboxLogin();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,50}$")]
    private static partial Regex TokenName();

    [GeneratedRegex("^[A-Za-z0-9]{1,64}$")]
    private static partial Regex TokenValue();
}
