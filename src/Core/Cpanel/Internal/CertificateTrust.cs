using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>
/// How a server's certificate is trusted: the system's validation by default; pinned SHA-256 fingerprints; or a chain
/// to a CA from a bundle file (with the name checked). Never "accept anything". Each policy gets its own connection
/// pool, so a connection validated under one policy is never reused under another.
/// </summary>
internal sealed class CertificateTrust
{
    private static readonly ConcurrentDictionary<string, X509Certificate2Collection> Bundles = new(StringComparer.Ordinal);

    private readonly string[] _pins;
    private readonly string? _caBundlePath;

    private CertificateTrust(string[] pins, string? caBundlePath)
    {
        _pins = pins;
        _caBundlePath = caBundlePath;
        Key = pins.Length > 0 ? "pins:" + string.Join(',', pins) : caBundlePath is null ? "system" : "ca:" + caBundlePath;
    }

    /// <summary>Identifies the policy; servers with equal keys share a connection pool.</summary>
    public string Key { get; }

    public static CertificateTrust For(CpanelServer server)
    {
        var pins = server.PinnedCertificateSha256.Select(Normalize).Where(p => p.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();
        return new CertificateTrust(pins, server.CaBundlePath is { Length: > 0 } path ? Path.GetFullPath(path) : null);
    }

    public static string Normalize(string fingerprint) => fingerprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        if (_pins.Length > 0)
        {
            var actual = Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
            return Array.IndexOf(_pins, actual) >= 0;
        }

        if (_caBundlePath is null)
        {
            return errors == SslPolicyErrors.None;
        }

        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(Bundles.GetOrAdd(_caBundlePath, Load));
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(leaf);
    }

    private static X509Certificate2Collection Load(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }
}
