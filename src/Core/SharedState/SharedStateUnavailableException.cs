namespace CpanelSessionOps.SharedState;

/// <summary>
/// The shared state table (rate limits or webhook deliveries) could not be reached and <see cref="SharedStateOptions.FailureMode"/>
/// is <see cref="SharedStateFailureMode.FailClosed"/>: nothing was minted or handled. The message names the table and the
/// status, never a connection string or key.
/// </summary>
public sealed class SharedStateUnavailableException : Exception
{
    /// <summary>The stable error class for audit records and problem types: <c>shared-state</c>.</summary>
    public const string Class = "shared-state";

    /// <summary>Creates the exception.</summary>
    public SharedStateUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SharedStateUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SharedStateUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
