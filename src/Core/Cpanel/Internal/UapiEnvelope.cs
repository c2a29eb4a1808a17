namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>UAPI's envelope. <c>metadata</c> is not read: servers send <c>{}</c> or <c>{"transformed":1}</c>.</summary>
internal sealed class UapiEnvelope
{
    public UapiResult? Result { get; set; }
}
