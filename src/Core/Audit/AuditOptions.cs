using System.ComponentModel.DataAnnotations;

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
    [Required(ErrorMessage = TableNameMessage)]
    [RegularExpression("^[A-Za-z0-9]{3,63}$", ErrorMessage = TableNameMessage)]
    public string TableName { get; set; } = "CpanelSessionOpsAudit";

    private const string TableNameMessage = "Audit:TableName must be 3 to 63 letters and digits.";
}
