namespace CpanelSessionOps.Cpanel.Internal;

internal sealed class WhmMetadata
{
    public int? Result { get; set; }

    public string? Reason { get; set; }
}
