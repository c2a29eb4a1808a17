namespace CpanelSessionOps.Audit;

/// <summary>An audit sink failed and the mint failed closed: no link was handed out.</summary>
public sealed class AuditUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuditUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AuditUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AuditUnavailableException(string message)
        : base(message)
    {
    }
}
