using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// The CpanelSessionOps cPanel &amp; WHM emulator as an Aspire resource: three HTTPS endpoints (cpanel, whm, webmail) with a
/// certificate made by the app host, so its fingerprint is known before the emulator starts, and a plain-HTTP admin
/// endpoint whose <c>/health</c> is the resource's health check.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="command">The program that runs it (<c>dotnet</c>).</param>
/// <param name="workingDirectory">Where it runs.</param>
/// <param name="certificate">The server certificate (with key) the emulator serves.</param>
public sealed class CpanelEmulatorResource(string name, string command, string workingDirectory, X509Certificate2 certificate)
    : ExecutableResource(name, command, workingDirectory)
{
    /// <summary>The certificate the emulator serves.</summary>
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>SHA-256 of the certificate, upper-case hex: what clients pin.</summary>
    public string CertificateSha256 => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Certificate.RawData));

    /// <summary>The WHM API endpoint.</summary>
    public EndpointReference WhmEndpoint => new(this, "whm");

    /// <summary>The cPanel (UAPI) endpoint.</summary>
    public EndpointReference CpanelEndpoint => new(this, "cpanel");

    /// <summary>The Webmail endpoint.</summary>
    public EndpointReference WebmailEndpoint => new(this, "webmail");
}
