namespace CpanelSessionOps.Audit;

/// <summary>What happens to a mint when an audit sink cannot take its record.</summary>
public enum AuditFailureMode
{
    /// <summary>The link is withheld and the attempt fails (default): no link without a record.</summary>
    FailClosed,

    /// <summary>The link is handed out; the lost record is logged in full and counted.</summary>
    FailOpen,
}
