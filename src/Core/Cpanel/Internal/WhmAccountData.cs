namespace CpanelSessionOps.Cpanel.Internal;

internal sealed class WhmAccountData
{
    public string? User { get; set; }

    public int? Suspended { get; set; }
}
