using CpanelSessionOps.Cpanel;

namespace CpanelSessionOps.Links;

/// <summary>A login link handed out by <see cref="LinkMintingService"/>. The link and form body are secrets; <see cref="ToString"/> omits them.</summary>
public sealed class MintedLink
{
    internal MintedLink(MintedSession session, LoginKind kind, string correlationId)
    {
        Session = session;
        Kind = kind;
        CorrelationId = correlationId;
    }

    /// <summary>The kind of login.</summary>
    public LoginKind Kind { get; }

    /// <summary>The mailbox (webmail) or cPanel user (cPanel) the link opens.</summary>
    public string Target => Session.User;

    /// <summary>The server that minted it.</summary>
    public string ServerName => Session.ServerName;

    /// <summary>The clickable login link: a secret, usable once within five minutes.</summary>
    public SensitiveString LoginLink => Session.LoginLink;

    /// <summary>The POST alternative: where to post <see cref="LoginFormBody"/>.</summary>
    public Uri LoginFormTarget => Session.LoginFormTarget;

    /// <summary>The POST alternative's body (<c>session=...</c>): a secret.</summary>
    public SensitiveString LoginFormBody => Session.LoginFormBody;

    /// <summary>When the link stops working if unused.</summary>
    public DateTimeOffset ExpiresAt => Session.ExpiresAt;

    /// <summary>The request's correlation id (in its audit record and logs).</summary>
    public string CorrelationId { get; }

    /// <summary>The minted session, for a login check.</summary>
    public MintedSession Session { get; }

    /// <summary>Describes the link without its secret.</summary>
    public override string ToString() => $"{Kind} link for {Target} on {ServerName}, expires {ExpiresAt:u} ({CorrelationId})";
}
