namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// The ChatOps GitHub credential could not be had or was refused. <see cref="ErrorClass"/> is stable (it goes into the
/// log and the audit record); the message says what to fix and never holds a token or key.
/// </summary>
public sealed class GitHubCredentialException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GitHubCredentialException(string errorClass, string message, Exception? innerException = null)
        : base(message, innerException) => ErrorClass = errorClass;

    /// <summary>Creates the exception.</summary>
    public GitHubCredentialException()
        : this("github-credential", "The GitHub credential failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public GitHubCredentialException(string message)
        : this("github-credential", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GitHubCredentialException(string message, Exception innerException)
        : this("github-credential", message, innerException)
    {
    }

    /// <summary><c>github-no-credential</c>, <c>github-app-key</c>, <c>github-app-refused</c>, <c>github-not-installed</c>,
    /// <c>github-credential-refused</c> or <c>github-unreachable</c>.</summary>
    public string ErrorClass { get; }
}
