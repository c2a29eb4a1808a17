namespace CpanelSessionOps.SharedState;

/// <summary>
/// The shared state table (rate limits or webhook deliveries) could not be reached and <see cref="SharedStateOptions.FailureMode"/>
/// is <see cref="SharedStateFailureMode.FailClosed"/>: nothing was minted or handled. The message names the table and the
/// status, never a connection string or key. Its <see cref="CpanelSessionOpsException.ErrorCode"/> is <c>shared-state</c>.
/// </summary>
public sealed class SharedStateUnavailableException : CpanelSessionOpsException
{
    /// <summary>The stable error code for audit records: <c>shared-state</c>.</summary>
    public const string Class = "shared-state";

    /// <summary>Creates the exception from the table's failure.</summary>
    /// <param name="message">Which table, why, and what to check (never a key or connection string).</param>
    /// <param name="innerException">The table client's failure.</param>
    public SharedStateUnavailableException(string message, Exception innerException)
        : base(ErrorClass.SharedStateUnavailable, Class, message, innerException ?? throw new ArgumentNullException(nameof(innerException)))
    {
    }
}
