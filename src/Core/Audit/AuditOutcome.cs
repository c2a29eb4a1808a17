namespace CpanelSessionOps.Audit;

/// <summary>How an attempt ended.</summary>
public enum AuditOutcome
{
    /// <summary>A link was minted and handed out.</summary>
    Minted,

    /// <summary>Refused before anything was minted: invalid input, policy, or a rate limit.</summary>
    Refused,

    /// <summary>Allowed, but a dependency failed (routing, secrets, cPanel, audit).</summary>
    Failed,
}
