namespace CpanelSessionOps.Credentials;

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
