namespace CpanelSessionOps.Cpanel;

/// <summary>A WHM API token (root or a reseller): <c>Authorization: whm USER:TOKEN</c>, for WHM API 1 calls.</summary>
/// <param name="userName">The WHM user (root or a reseller).</param>
/// <param name="token">The token.</param>
public sealed class WhmApiTokenCredential(string userName, SensitiveString token) : ApiTokenCredential("whm", userName, token)
{
    /// <inheritdoc />
    public override bool IsWhm => true;

    /// <inheritdoc />
    public override string Kind => "WHM API token";
}
