namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>Which API token of the emulator's seed a fleet server mints with. The names are the fleet configuration's
/// <c>Auth</c> values.</summary>
public enum EmulatorCredentialKind
{
    /// <summary>A WHM user's API token (root or a reseller): WHM <c>create_user_session</c> for its accounts' mailboxes.</summary>
    WhmToken,

    /// <summary>A cPanel account's API token: UAPI for that account's mailboxes.</summary>
    CpanelToken,
}
