using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CpanelSessionOps.Diagnostics;

/// <summary>The product's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>CpanelSessionOps</c>.</summary>
public static class CpanelSessionOpsTelemetry
{
    /// <summary>The name of the activity source and of the meter; subscribe to it in OpenTelemetry or Aspire.</summary>
    public const string Name = "CpanelSessionOps";

    internal static readonly ActivitySource ActivitySource = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> CpanelCalls = Meter.CreateCounter<long>(
        "cpanel_session_ops.cpanel.calls", unit: "{call}", description: "cPanel and WHM API calls, by function and outcome.");

    internal static readonly Histogram<double> CpanelCallDuration = Meter.CreateHistogram<double>(
        "cpanel_session_ops.cpanel.call.duration", unit: "s", description: "Duration of cPanel and WHM API calls, retries included.");

    internal static readonly Counter<long> AuditFailures = Meter.CreateCounter<long>(
        "cpanel_session_ops.audit.failures", unit: "{record}", description: "Audit records a sink could not store, by sink and failure mode.");

    internal static readonly Counter<long> SharedStateFailures = Meter.CreateCounter<long>(
        "cpanel_session_ops.shared_state.failures", unit: "{call}", description: "Calls the shared state table (rate limits, deliveries) could not serve, by table and failure mode.");

    internal static readonly Counter<long> LinksMinted = Meter.CreateCounter<long>(
        "cpanel_session_ops.links.minted", unit: "{link}", description: "Login links handed out, by kind and channel.");

    internal static readonly Counter<long> LinksRefused = Meter.CreateCounter<long>(
        "cpanel_session_ops.links.refused", unit: "{request}", description: "Requests refused before minting, by reason.");

    internal static readonly Counter<long> LinksFailed = Meter.CreateCounter<long>(
        "cpanel_session_ops.links.failed", unit: "{request}", description: "Allowed requests that failed, by error class.");

    internal static readonly Histogram<double> MintDuration = Meter.CreateHistogram<double>(
        "cpanel_session_ops.links.mint.duration", unit: "s", description: "Duration of mint attempts, validation to audit.");

    internal static readonly Counter<long> SecretReads = Meter.CreateCounter<long>(
        "cpanel_session_ops.secrets.reads", unit: "{read}", description: "Secret reads from Key Vault or the environment (cache misses), by source and outcome.");

    internal static readonly Histogram<double> SecretReadDuration = Meter.CreateHistogram<double>(
        "cpanel_session_ops.secrets.read.duration", unit: "s", description: "Duration of secret reads, Key Vault retries included.");
}
