namespace CpanelSessionOps.SharedState;

/// <summary>What the shared rate limits and webhook de-duplication do when their table cannot be reached.</summary>
public enum SharedStateFailureMode
{
    /// <summary>The request fails with <see cref="SharedStateUnavailableException"/> (default): no link is minted, no webhook
    /// is handled, while the limits and replays cannot be checked across instances.</summary>
    FailClosed,

    /// <summary>The request goes on, checked by this instance's memory only (limits per instance, replays seen by this instance);
    /// every fallback is logged and counted.</summary>
    FailOpen,
}
