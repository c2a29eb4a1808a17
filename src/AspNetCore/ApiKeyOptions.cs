namespace CpanelSessionOps.AspNetCore;

/// <summary>One application API key.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The caller name policy rules grant (<c>name:NAME</c>) and audit records show.</summary>
    public string? Name { get; set; }

    /// <summary>The SHA-256 of the key, hex: <c>printf %s "$KEY" | sha256sum</c>. The key itself is never stored.</summary>
    public string? Sha256 { get; set; }
}
