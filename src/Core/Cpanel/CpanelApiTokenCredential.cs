namespace CpanelSessionOps.Cpanel;

/// <summary>A cPanel API token: <c>Authorization: cpanel USER:TOKEN</c>, for UAPI calls.</summary>
/// <param name="userName">The cPanel user that owns the token.</param>
/// <param name="token">The token.</param>
public sealed class CpanelApiTokenCredential(string userName, SensitiveString token) : ApiTokenCredential("cpanel", userName, token)
{
    /// <inheritdoc />
    public override bool IsWhm => false;

    /// <inheritdoc />
    public override string Kind => "cPanel API token";
}
