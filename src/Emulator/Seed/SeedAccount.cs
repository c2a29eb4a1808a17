namespace CpanelSessionOps.Emulator.Seed;

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
