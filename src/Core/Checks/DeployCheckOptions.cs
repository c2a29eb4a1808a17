namespace CpanelSessionOps.Checks;

/// <summary>How a deploy check runs.</summary>
public sealed class DeployCheckOptions
{
    /// <summary>Log in with each session and confirm the mailbox opens. Default true.</summary>
    public bool VerifyLogin { get; set; } = true;

    /// <summary>Skip the mailbox check that runs before a link is minted through WHM (existence, suspended logins or
    /// account): the login check that follows proves the same, one call earlier. Only with <see cref="VerifyLogin"/>;
    /// each result then says it was skipped. Default false.</summary>
    public bool SkipMailboxCheck { get; set; }

    /// <summary>The sessions' locale, or null for each account's own.</summary>
    public string? Locale { get; set; }

    /// <summary>Mailboxes checked at once. Default 4.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>The longest one mailbox's check may take. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
