namespace CpanelSessionOps;

/// <summary>What kind of login a link opens.</summary>
public enum LoginKind
{
    /// <summary>A mailbox's webmail (target: a mailbox address).</summary>
    Webmail,

    /// <summary>A cPanel account's cPanel (target: a cPanel user name).</summary>
    Cpanel,
}
