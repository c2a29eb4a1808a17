using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>
/// Decides whether a server's certificate is trusted: the system's validation by default; a pinned SHA-256
/// fingerprint; or a chain to a CA from the server's bundle file (with the name checked). Never "accept anything".
/// </summary>
internal static class CertificateTrust
{
    /// <summary>Carries the server a request is for, so the one pooled handler can apply that server's trust.</summary>
    public static readonly HttpRequestOptionsKey<CpanelServer> ServerKey = new("CpanelSessionOps.Server");

    private static readonly ConcurrentDictionary<string, X509Certificate2Collection> Bundles = new(StringComparer.Ordinal);

    public static bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!request.Options.TryGetValue(ServerKey, out var server) || certificate is null)
        {
            return errors == SslPolicyErrors.None;
        }

        if (server.PinnedCertificateSha256.Count > 0)
        {
            var actual = Convert.ToHexString(SHA256.HashData(certificate.RawData));
            return server.PinnedCertificateSha256.Any(pin => string.Equals(Normalize(pin), actual, StringComparison.Ordinal));
        }

        if (server.CaBundlePath is { } path)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            custom.ChainPolicy.CustomTrustStore.AddRange(Bundles.GetOrAdd(path, Load));
            if (chain is not null)
            {
                custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
            }

            return custom.Build(certificate);
        }

        return errors == SslPolicyErrors.None;
    }

    public static string Normalize(string fingerprint) => fingerprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    private static X509Certificate2Collection Load(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }
}
