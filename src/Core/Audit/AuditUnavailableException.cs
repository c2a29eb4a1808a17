namespace CpanelSessionOps.Audit;

/// <summary>An audit sink failed and the mint failed closed: no link was handed out. <see cref="Exception.InnerException"/>
/// is the sink's failure.</summary>
public sealed class AuditUnavailableException : CpanelSessionOpsException
{
    /// <summary>Creates the exception from the sink's failure.</summary>
    /// <param name="message">What happened and what to check (never a secret).</param>
    /// <param name="innerException">The audit sink's failure.</param>
    public AuditUnavailableException(string message, Exception innerException)
        : base(ErrorClass.AuditUnavailable, "audit", message, innerException ?? throw new ArgumentNullException(nameof(innerException)))
    {
    }
}
