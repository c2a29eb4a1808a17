namespace CpanelSessionOps;

/// <summary>
/// What went wrong, as every host answers it: each host (HTTP API, Action and CLI, ChatOps) maps an error class to its own
/// answer in one table. Carried by <see cref="CpanelSessionOpsException.ErrorClass"/>. The first three are refusals
/// (nothing was minted because of what was asked); the rest are failures (a dependency or the configuration).
/// </summary>
public enum ErrorClass
{
    /// <summary>The request is invalid; the exception names each bad field. A refusal.</summary>
    Validation,

    /// <summary>No policy rule grants the request. A refusal.</summary>
    Forbidden,

    /// <summary>A rate limit was reached; the exception says when to try again. A refusal.</summary>
    RateLimited,

    /// <summary>No server of the fleet holds the target: its domain, or the cPanel user, is not managed here.</summary>
    NotManaged,

    /// <summary>cPanel says the mailbox or user does not exist (or the authenticated account does not own it).</summary>
    NotFound,

    /// <summary>cPanel says logins for the mailbox, or its account, are suspended.</summary>
    Suspended,

    /// <summary>cPanel refused the call for another reason (its texts are in the exception).</summary>
    CpanelRefused,

    /// <summary>cPanel refused the server's credential (HTTP 401/403, or its login page).</summary>
    CpanelAuthentication,

    /// <summary>cPanel answered something that cannot be read (not its JSON, an unexpected status).</summary>
    CpanelProtocol,

    /// <summary>cPanel did not answer within the timeout.</summary>
    CpanelTimeout,

    /// <summary>cPanel could not be reached, or kept failing (5xx, 429, a dropped connection, an untrusted certificate).</summary>
    CpanelUnavailable,

    /// <summary>The server's credential could not be read from its secret store.</summary>
    CredentialsUnavailable,

    /// <summary>The audit record could not be stored and audit fails closed: no link was handed out.</summary>
    AuditUnavailable,

    /// <summary>The fleet is not configured for what was asked (e.g. a cPanel login of a server that has no WHM token).</summary>
    NotConfigured,

    /// <summary>The shared state table (rate limits or webhook deliveries) could not be reached and fails closed: nothing was
    /// minted or handled.</summary>
    SharedStateUnavailable,
}
