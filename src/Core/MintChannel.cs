namespace CpanelSessionOps;

/// <summary>The way a request reached the product.</summary>
public enum MintChannel
{
    /// <summary>The HTTP API (portals, services).</summary>
    Http,

    /// <summary>A Slack slash command.</summary>
    Slack,

    /// <summary>A Microsoft Teams outgoing webhook.</summary>
    Teams,

    /// <summary>A GitHub issue comment.</summary>
    GitHub,

    /// <summary>The GitHub Action.</summary>
    Action,

    /// <summary>The command-line tool.</summary>
    Cli,
}
