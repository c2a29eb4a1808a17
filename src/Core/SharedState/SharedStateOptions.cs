namespace CpanelSessionOps.SharedState;

/// <summary>
/// Where the app keeps state its instances share: rate-limit windows and webhook deliveries already seen, in Azure Table
/// Storage (the app's own storage account). Bound from configuration (<c>SharedState</c>). With neither
/// <see cref="TableConnectionString"/> nor <see cref="TableServiceUri"/>, both stay in each instance's memory.
/// </summary>
public sealed class SharedStateOptions
{
    /// <summary>An Azure Table Storage connection string (Azurite's for local work). Wins over <see cref="TableServiceUri"/>.</summary>
    public string? TableConnectionString { get; set; }

    /// <summary>The table service URI (<c>https://ACCOUNT.table.core.windows.net/</c>), reached with the app's managed identity
    /// (<c>DefaultAzureCredential</c>, <c>AZURE_CLIENT_ID</c> picks a user-assigned one); the identity needs Storage Table Data Contributor.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The table of rate-limit windows. Default <c>CpanelSessionOpsRateLimits</c>.</summary>
    public string RateLimitTableName { get; set; } = "CpanelSessionOpsRateLimits";

    /// <summary>The table of webhook deliveries already seen. Default <c>CpanelSessionOpsDeliveries</c>.</summary>
    public string DeliveryTableName { get; set; } = "CpanelSessionOpsDeliveries";

    /// <summary>What happens while the table cannot be reached. Default <see cref="SharedStateFailureMode.FailClosed"/>.</summary>
    public SharedStateFailureMode FailureMode { get; set; } = SharedStateFailureMode.FailClosed;

    /// <summary>How often an instance deletes rows that expired (windows that ended, deliveries past their retention). Default ten minutes.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one call to the table may take before it is tried again (three tries at most). Default five seconds:
    /// a mint waits seconds, not minutes, for a table that does not answer.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True when a table is configured; otherwise the app keeps this state per instance, in memory.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(TableConnectionString) || TableServiceUri is not null;
}
