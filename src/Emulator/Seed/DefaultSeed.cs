namespace CpanelSessionOps.Emulator.Seed;

/// <summary>
/// The seed the emulator uses when it is given none. Every case a client must handle has an entry; the table in
/// <c>docs/emulator.md</c> lists them. The credentials are public demo values, never real ones.
/// </summary>
public static class DefaultSeed
{
    /// <summary>root's WHM API token.</summary>
    public const string RootToken = "ROOTAPITOKEN00000000000000000001";

    /// <summary>The reseller <c>res1</c>, which owns the account <c>other</c>.</summary>
    public const string ResellerUser = "res1";

    /// <summary>The reseller's WHM API token.</summary>
    public const string ResellerToken = "RESELLERTOKEN0000000000000000001";

    /// <summary>The reseller's password.</summary>
    public const string ResellerPassword = "reseller-pass";

    /// <summary>The main demo account: owns example.com and its mailboxes.</summary>
    public const string DemoUser = "demo";

    /// <summary>The demo account's cPanel API token.</summary>
    public const string DemoToken = "DEMOAPITOKEN00000000000000000001";

    /// <summary>A cPanel API token of the demo account that expired in 2020.</summary>
    public const string DemoExpiredToken = "EXPIREDTOKEN00000000000000000001";

    /// <summary>The demo account's password.</summary>
    public const string DemoPassword = "demo-pass";

    /// <summary>A mailbox the demo account owns.</summary>
    public const string AliceAddress = "alice@example.com";

    /// <summary>alice's mailbox password.</summary>
    public const string AlicePassword = "alice-pass";

    /// <summary>A mailbox of the demo account whose logins are suspended.</summary>
    public const string BobAddress = "bob@example.com";

    /// <summary>bob's mailbox password.</summary>
    public const string BobPassword = "bob-pass";

    /// <summary>A mailbox of the demo account that lives on the remote mail node <see cref="RemoteMailHost"/>.</summary>
    public const string CarolAddress = "carol@example.com";

    /// <summary>The remote mail node that holds carol's mailbox.</summary>
    public const string RemoteMailHost = "mail2.example.net";

    /// <summary>An account owned by the reseller, whose mailbox the demo account does not own.</summary>
    public const string OtherUser = "other";

    /// <summary>The other account's cPanel API token.</summary>
    public const string OtherToken = "OTHERAPITOKEN0000000000000000001";

    /// <summary>A mailbox of the other account.</summary>
    public const string DaveAddress = "dave@example.org";

    /// <summary>A suspended account.</summary>
    public const string SuspendedUser = "closed";

    /// <summary>The suspended account's cPanel API token (refused while it is suspended).</summary>
    public const string SuspendedToken = "CLOSEDAPITOKEN000000000000000001";

    /// <summary>An account with two-factor authentication on.</summary>
    public const string TwoFactorUser = "secure";

    /// <summary>The two-factor account's password.</summary>
    public const string TwoFactorPassword = "secure-pass";

    /// <summary>The two-factor account's base32 TOTP secret.</summary>
    public const string TwoFactorSecret = "JBSWY3DPEHPK3PXP";

    /// <summary>Makes a fresh copy of the default seed.</summary>
    public static EmulatorSeed Create() => new()
    {
        WhmUsers =
        [
            new SeedWhmUser { User = "root", Tokens = [new SeedToken { Name = "root", Token = RootToken }] },
            new SeedWhmUser
            {
                User = ResellerUser, Reseller = true, Password = ResellerPassword,
                Tokens = [new SeedToken { Name = "reseller", Token = ResellerToken }],
            },
        ],
        Accounts =
        [
            new SeedAccount
            {
                User = DemoUser, Owner = "root", Password = DemoPassword, Locale = "en", Domains = ["example.com"],
                Tokens =
                [
                    new SeedToken { Name = "ci", Token = DemoToken },
                    new SeedToken { Name = "old", Token = DemoExpiredToken, ExpiresAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) },
                ],
                Mailboxes =
                [
                    new SeedMailbox { Login = "alice", Domain = "example.com", Password = AlicePassword },
                    new SeedMailbox { Login = "bob", Domain = "example.com", Password = BobPassword, SuspendedLogin = true },
                    new SeedMailbox { Login = "carol", Domain = "example.com", Password = "carol-pass", RemoteHost = RemoteMailHost },
                ],
            },
            new SeedAccount
            {
                User = OtherUser, Owner = ResellerUser, Password = "other-pass", Locale = "de", Domains = ["example.org"],
                Tokens = [new SeedToken { Name = "ci", Token = OtherToken }],
                Mailboxes = [new SeedMailbox { Login = "dave", Domain = "example.org", Password = "dave-pass" }],
            },
            new SeedAccount
            {
                User = SuspendedUser, Owner = "root", Password = "closed-pass", Suspended = true, Domains = ["suspended.example"],
                Tokens = [new SeedToken { Name = "ci", Token = SuspendedToken }],
                Mailboxes = [new SeedMailbox { Login = "erin", Domain = "suspended.example", Password = "erin-pass" }],
            },
            new SeedAccount
            {
                User = TwoFactorUser, Owner = "root", Password = TwoFactorPassword, TotpSecret = TwoFactorSecret,
                Domains = ["secure.example"],
                Mailboxes = [new SeedMailbox { Login = "frank", Domain = "secure.example", Password = "frank-pass" }],
            },
        ],
    };
}
