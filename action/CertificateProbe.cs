using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace CpanelSessionOps.Action;

/// <summary>
/// Reads the certificate a server presents, to tell the user which fingerprint to pin when the one they gave does not
/// match. The handshake is always refused by this side: nothing is sent over the connection.
/// </summary>
internal static class CertificateProbe
{
    /// <summary>The presented certificate's SHA-256 fingerprint (upper-case hex), or null when none could be read.</summary>
    public static async Task<string?> PresentedFingerprintAsync(string host, int port, CancellationToken cancellationToken)
    {
        string? fingerprint = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            {
                fingerprint = certificate is null ? null : Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
                return false;
            });
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException or SocketException or OperationCanceledException)
        {
            // Expected: the handshake is refused once the certificate has been read.
        }

        return fingerprint;
    }

    /// <summary>What the server presented, and how to trust it, when its certificate was refused.</summary>
    public static async Task<string> HintAsync(CheckSettings settings, string host, CancellationToken cancellationToken)
    {
        var port = settings.Auth == Fleet.FleetAuthKind.CpanelToken ? settings.CpanelPort : settings.WhmPort;
        var presented = await PresentedFingerprintAsync(host, port, cancellationToken).ConfigureAwait(false);
        if (presented is null)
        {
            return $"The certificate of {host}:{port} could not be read.";
        }

        var match = settings.CertificatePins.Count > 0
            ? $"matches no {settings.Name("certificate-sha256")} given"
            : settings.CaBundle is not null ? $"does not chain to a CA in {settings.Name("ca-bundle")}" : "is not trusted by this machine";
        return $"The certificate {host}:{port} presented {match}: it has SHA-256 {presented}. If that is your server's certificate, " +
               $"trust it with {settings.Name("certificate-sha256")} {presented} (or {settings.Name("ca-bundle")} with the PEM file of the CA that issued it).";
    }
}
