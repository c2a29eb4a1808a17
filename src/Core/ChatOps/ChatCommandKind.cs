namespace CpanelSessionOps.ChatOps;

/// <summary>What a chat message asks for.</summary>
public enum ChatCommandKind
{
    /// <summary>Show the help text (also for anything not understood).</summary>
    Help,

    /// <summary>Mint a webmail login link.</summary>
    Link,

    /// <summary>Mint a session and log in with it, reporting the result (never the link).</summary>
    Check,
}
