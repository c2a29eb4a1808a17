using System.Text.Json.Serialization;

namespace CpanelSessionOps.Emulator.Seed;

/// <summary>
/// The accounts, mailboxes and WHM users an emulator starts with. This is the documented seed file format
/// (camelCase JSON); see <c>docs/emulator.md</c>.
/// </summary>
public sealed class EmulatorSeed
{
    /// <summary>WHM users: <c>root</c> and resellers, with their API tokens.</summary>
    public IList<SeedWhmUser> WhmUsers { get; set; } = [];

    /// <summary>cPanel accounts with their domains, tokens and mailboxes.</summary>
    public IList<SeedAccount> Accounts { get; set; } = [];

    /// <summary>How the server sees itself: its public address and whether its host name resolves, which decide the host
    /// WHM puts in login URLs.</summary>
    public SeedServer Server { get; set; } = new();
}

/// <summary>
/// The server's own names. A real WHM puts the Host a request came to in a login URL only when it can confirm that name
/// resolves to the server; otherwise its public IP address (with a warning), and it may prefer its best SSL domain.
/// </summary>
public sealed class SeedServer
{
    /// <summary>The server's public IP address, used in login URLs when the host name does not resolve. Default
    /// <c>127.0.0.1</c>, so such URLs still reach the emulator.</summary>
    public string PublicIp { get; set; } = "127.0.0.1";

    /// <summary>Whether the host names requests come to resolve to this server. False makes WHM answer with
    /// <see cref="PublicIp"/> in the url and a <c>metadata.output.warnings</c> entry. Default true.</summary>
    public bool HostnameResolves { get; set; } = true;

    /// <summary>A domain with a valid certificate that WHM puts in login URLs instead of the requested host (when the host
    /// name resolves), or <see langword="null"/> for none.</summary>
    public string? SslDomain { get; set; }
}

/// <summary>A WHM user: <c>root</c> or a reseller.</summary>
public sealed class SeedWhmUser
{
    /// <summary>The WHM user name (<c>root</c> or the reseller's user name).</summary>
    public string User { get; set; } = "";

    /// <summary>Whether this user is a reseller. <c>root</c> is never a reseller.</summary>
    public bool Reseller { get; set; }

    /// <summary>The password for HTTP Basic authentication on the WHM port, or <see langword="null"/> for none.</summary>
    public string? Password { get; set; }

    /// <summary>WHM API tokens, written either as plain strings or as token objects.</summary>
    public IList<SeedToken> Tokens { get; set; } = [];
}

/// <summary>A cPanel account.</summary>
public sealed class SeedAccount
{
    /// <summary>The cPanel user name.</summary>
    public string User { get; set; } = "";

    /// <summary>The WHM user that owns the account: <c>root</c> or a reseller.</summary>
    public string Owner { get; set; } = "root";

    /// <summary>The account password for HTTP Basic authentication, or <see langword="null"/> for none.</summary>
    public string? Password { get; set; }

    /// <summary>The account's locale, used when a call names none.</summary>
    public string Locale { get; set; } = "en";

    /// <summary>Whether the account is suspended (it can neither authenticate nor be given sessions).</summary>
    public bool Suspended { get; set; }

    /// <summary>The domains the account owns; every mailbox lives on one of them.</summary>
    public IList<string> Domains { get; set; } = [];

    /// <summary>A base32 TOTP secret; when set, password authentication also needs <c>X-CPANEL-OTP</c>.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>cPanel API tokens, written either as plain strings or as token objects.</summary>
    public IList<SeedToken> Tokens { get; set; } = [];

    /// <summary>The account's mailboxes.</summary>
    public IList<SeedMailbox> Mailboxes { get; set; } = [];
}

/// <summary>An API token. In a seed file it may be written as a plain string (a token that never expires).</summary>
[JsonConverter(typeof(SeedTokenJsonConverter))]
public sealed class SeedToken
{
    /// <summary>The token's name (1 to 50 of <c>[A-Za-z0-9_-]</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The token value presented in the <c>Authorization</c> header.</summary>
    public string Token { get; set; } = "";

    /// <summary>When the token stops working, or <see langword="null"/> for never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>A mailbox of a cPanel account.</summary>
public sealed class SeedMailbox
{
    /// <summary>The local part of the address.</summary>
    public string Login { get; set; } = "";

    /// <summary>The domain of the address; one of the account's domains.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The mailbox password, checked by <c>create_webmail_session_for_mail_user_check_password</c>.</summary>
    public string? Password { get; set; }

    /// <summary>Whether logins for the mailbox are suspended.</summary>
    public bool SuspendedLogin { get; set; }

    /// <summary>The host name of a linked remote mail node that holds the mailbox, or <see langword="null"/> when local.</summary>
    public string? RemoteHost { get; set; }

    /// <summary>The full address, <c>login@domain</c>.</summary>
    [JsonIgnore]
    public string Address => Login + "@" + Domain;
}
