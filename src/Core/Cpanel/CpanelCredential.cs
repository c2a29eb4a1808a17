namespace CpanelSessionOps.Cpanel;

/// <summary>
/// How calls to a server authenticate. Implementations may fetch their secret lazily (from a vault) and refresh it;
/// <see cref="ToString"/> never shows it.
/// </summary>
public abstract class CpanelCredential
{
    /// <summary>The cPanel or WHM user the credential belongs to.</summary>
    public abstract string UserName { get; }

    /// <summary>Whether the credential is for WHM API 1 (port 2087) rather than UAPI (port 2083).</summary>
    public abstract bool IsWhm { get; }

    /// <summary>A short description of the kind, for messages: "cPanel API token", "WHM API token" or "password".</summary>
    public abstract string Kind { get; }

    /// <summary>Adds the credential's headers (<c>Authorization</c>, and <c>X-CPANEL-OTP</c> where needed) to a request.</summary>
    public abstract ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>The kind and user, never the secret.</summary>
    public override string ToString() => $"{Kind} for {UserName}";
}
