namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// The ChatOps GitHub credential could not be had or was refused. <see cref="ErrorCode"/> is stable (it goes into the
/// log and the audit record); the message says what to fix and never holds a token or key.
/// </summary>
/// <remarks>
/// Deliberately outside the one failure model (<see cref="CpanelSessionOpsException"/> and its <see cref="CpanelSessionOps.ErrorClass"/>):
/// it is not a failure of the library but of this host's reply channel, after the check was done and audited. No host
/// table ever answers it: <c>GitHubReplyClient</c> catches it, audits and logs its code, and nobody is left to answer
/// (GitHub's webhook was acknowledged before the reply). An <see cref="CpanelSessionOps.ErrorClass"/> for it would make
/// the HTTP API and the Action map a class they can never meet, and the base's closed set of subclasses (its constructor
/// is Core's own) is what lets callers catch <see cref="CpanelSessionOpsException"/> for every failure of the library.
/// Like the model's exceptions, it has only the constructor that makes a valid object: the standard ones would carry no
/// code (CA1032 suppressed).
/// </remarks>
#pragma warning disable CA1032 // Every instance carries its code: the standard constructors would make one that says nothing true.
public sealed class GitHubCredentialException : Exception
#pragma warning restore CA1032
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">One of the codes <see cref="ErrorCode"/> lists.</param>
    /// <param name="message">What failed and what to fix; never a token or key.</param>
    /// <param name="innerException">GitHub's or the secret store's failure, if any.</param>
    public GitHubCredentialException(string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        ErrorCode = errorCode;
    }

    /// <summary><c>github-no-credential</c>, <c>github-app-key</c>, <c>github-app-refused</c>, <c>github-not-installed</c>,
    /// <c>github-credential-refused</c> or <c>github-unreachable</c>.</summary>
    public string ErrorCode { get; }
}
