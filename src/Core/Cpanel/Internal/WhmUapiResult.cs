namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>The UAPI result inside <c>uapi_cpanel</c>'s <c>data.uapi</c>; <c>data</c> as <c>Email::list_pops</c> returns it.</summary>
internal sealed class WhmUapiResult
{
    public int? Status { get; set; }

    public List<string>? Errors { get; set; }

    public List<UapiPop>? Data { get; set; }
}
