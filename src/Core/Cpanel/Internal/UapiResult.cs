namespace CpanelSessionOps.Cpanel.Internal;

internal sealed class UapiResult
{
    public int? Status { get; set; }

    public List<string>? Errors { get; set; }

    /// <summary>Success data, or a typed error (<c>{"type","detail"}</c>), or null.</summary>
    public UapiData? Data { get; set; }
}
