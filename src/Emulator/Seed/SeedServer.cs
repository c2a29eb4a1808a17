namespace CpanelSessionOps.Emulator.Seed;

/// <summary>
/// The server's own names. A real WHM puts the Host a request came to in a login URL only when it can confirm that name
/// resolves to the server; otherwise its public IP address (with a warning), and it may prefer its best SSL domain.
/// </summary>
public sealed class SeedServer
{
    /// <summary>The server's public IP address, used in login URLs when the host name does not resolve. Default
    /// <c>127.0.0.1</c>, so such URLs still reach the emulator.</summary>
    public string PublicIp { get; set; } = "127.0.0.1";

    /// <summary>Whether the host names requests come to resolve to this server. False makes WHM answer with
    /// <see cref="PublicIp"/> in the url and a <c>metadata.output.warnings</c> entry. Default true.</summary>
    public bool HostnameResolves { get; set; } = true;

    /// <summary>A domain with a valid certificate that WHM puts in login URLs instead of the requested host (when the host
    /// name resolves), or <see langword="null"/> for none.</summary>
    public string? SslDomain { get; set; }
}
