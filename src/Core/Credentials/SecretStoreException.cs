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

/// <summary>A secret could not be read. The message says what to fix and never contains a secret value.</summary>
public sealed class SecretStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretStoreException(SecretFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>Creates the exception.</summary>
    public SecretStoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SecretStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SecretStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public SecretFailure Failure { get; }

    /// <summary>A stable class for audit records and metrics.</summary>
    public string ErrorClass => "secret-" + Failure.ToString().ToLowerInvariant();
}
