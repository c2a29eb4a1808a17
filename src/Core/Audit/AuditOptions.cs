namespace CpanelSessionOps.Audit;

/// <summary>Audit settings, bound from configuration (<c>Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>What a failing sink does to a mint. Default <see cref="AuditFailureMode.FailClosed"/>.</summary>
    public AuditFailureMode FailureMode { get; set; } = AuditFailureMode.FailClosed;

    /// <summary>An Azure Table Storage connection string for the table sink (Azurite's for local work); none keeps only the log.</summary>
    public string? TableConnectionString { get; set; }

    /// <summary>The table service URI, for managed identity instead of a connection string.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The table name. Default <c>CpanelSessionOpsAudit</c>.</summary>
    public string TableName { get; set; } = "CpanelSessionOpsAudit";
}
