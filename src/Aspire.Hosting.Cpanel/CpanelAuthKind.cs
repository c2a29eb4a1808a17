namespace Aspire.Hosting.ApplicationModel;

/// <summary>How a <see cref="CpanelServerResource"/>'s token authenticates (the <c>Auth</c> key of its connection string).</summary>
public enum CpanelAuthKind
{
    /// <summary>A WHM API token of root or a reseller: mints for any of its users' mailboxes.</summary>
    WhmToken,

    /// <summary>A cPanel API token of one account: mints for that account's mailboxes.</summary>
    CpanelToken,

    /// <summary>A cPanel account password. Prefer tokens.</summary>
    Password,
}
