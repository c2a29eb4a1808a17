namespace CpanelSessionOps.Fleet;

/// <summary>How a server's API calls authenticate.</summary>
public enum FleetAuthKind
{
    /// <summary>A WHM API token of root or a reseller: mints for any of its users' mailboxes (WHM <c>create_user_session</c>).</summary>
    WhmToken,

    /// <summary>A cPanel API token of one account: mints for that account's mailboxes (UAPI).</summary>
    CpanelToken,

    /// <summary>A cPanel account password (with an optional TOTP secret for 2FA): as a cPanel token. Prefer tokens.</summary>
    Password,
}
