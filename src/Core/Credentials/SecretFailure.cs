namespace CpanelSessionOps.Credentials;

/// <summary>Why a secret could not be read.</summary>
public enum SecretFailure
{
    /// <summary>The secret (or environment variable) does not exist.</summary>
    NotFound,

    /// <summary>The identity may not read it (HTTP 401/403), or no Azure credential is available.</summary>
    PermissionDenied,

    /// <summary>The vault did not answer, or answered 5xx.</summary>
    Unreachable,

    /// <summary>The vault kept answering 429 through its retries.</summary>
    Throttled,

    /// <summary>The reference cannot be read as configured (no vault configured for <c>keyvault:NAME</c>, a disabled secret).</summary>
    Misconfigured,
}
