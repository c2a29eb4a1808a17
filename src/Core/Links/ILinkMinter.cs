namespace CpanelSessionOps.Links;

/// <summary>
/// Mints login links. <see cref="LinkMintingService"/> is the implementation registered by <c>AddCpanelSessionOps</c>;
/// depend on this interface to test your own code with a fake that returns links made by
/// <see cref="CpanelSessionOpsModelFactory"/>, without a cPanel server or the emulator.
/// </summary>
public interface ILinkMinter
{
    /// <summary>Mints a login link for <paramref name="request"/>; see <see cref="LinkMintingService.MintAsync"/> for what it throws.</summary>
    Task<MintedLink> MintAsync(MintRequest request, CancellationToken cancellationToken = default);
}
