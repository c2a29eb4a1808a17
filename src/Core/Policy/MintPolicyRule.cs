using System.ComponentModel.DataAnnotations;

namespace CpanelSessionOps.Policy;

/// <summary>One grant.</summary>
public sealed class MintPolicyRule
{
    /// <summary>A name for messages and audit, e.g. <c>support-webmail</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Callers granted: <c>name:alice</c>, <c>entra:OBJECT-ID</c>, <c>app:APP-ID</c>, <c>group:GROUP-ID</c>,
    /// <c>slack:U0123</c>, <c>teams:ID</c>, <c>github:octocat</c>.</summary>
    [MinLength(1, ErrorMessage = RuleMessage)]
    public List<string> Callers { get; set; } = [];

    /// <summary>Targets granted: mailbox patterns (<c>*@example.com</c>, <c>alice@example.com</c>, <c>*@*.example.org</c>) for
    /// webmail; cPanel user names or <c>*</c> for cPanel logins.</summary>
    [MinLength(1, ErrorMessage = RuleMessage)]
    public List<string> Targets { get; set; } = [];

    /// <summary>Kinds granted; none listed grants webmail only. Configuration replaces this list (<c>["Cpanel"]</c> grants
    /// cPanel logins only): it starts empty so that binding never adds to a default.</summary>
    public List<LoginKind> Kinds { get; set; } = [];

    /// <summary>Channels granted; empty grants every channel.</summary>
    public List<MintChannel> Channels { get; set; } = [];

    /// <summary>The kinds this rule grants: <see cref="Kinds"/>, or webmail when none are listed (the default, applied after binding).</summary>
    private const string RuleMessage = "Policy:Rules: every rule needs at least one caller and one target pattern (Kinds defaults to Webmail).";

    internal IReadOnlyList<LoginKind> EffectiveKinds => Kinds.Count == 0 ? [LoginKind.Webmail] : Kinds;
}
