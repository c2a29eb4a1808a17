namespace CpanelSessionOps.Credentials;

/// <summary>A secret could not be read. The message says what to fix and never contains a secret value.</summary>
public sealed class SecretStoreException : CpanelSessionOpsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">Why the secret could not be read.</param>
    /// <param name="message">What to fix (never the secret's value).</param>
    /// <param name="innerException">The store's own failure, if any.</param>
    public SecretStoreException(SecretFailure failure, string message, Exception? innerException = null)
        : base(ErrorClass.CredentialsUnavailable, CodeOf(failure), message, innerException) => Failure = failure;

    /// <summary>What went wrong.</summary>
    public SecretFailure Failure { get; }

    // secret-notfound, secret-permissiondenied, ...: the values audit records have always had.
    private static string CodeOf(SecretFailure failure) => "secret-" + failure.ToString().ToLowerInvariant();
}
