namespace CpanelSessionOps.Cpanel.Internal;

internal sealed class WhmEnvelope
{
    public WhmData? Data { get; set; }

    public WhmMetadata? Metadata { get; set; }
}
