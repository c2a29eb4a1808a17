using CpanelSessionOps.Policy.Internal;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Policy;

/// <summary>
/// Evaluates <see cref="MintPolicyOptions.Rules"/>: deny by default, allow when one rule grants everything asked. The rules
/// are precompiled when the policy is created (hash sets and suffix maps), so a decision costs the same for ten rules or
/// ten thousand patterns and allocates nothing; only a refusal builds its message.
/// </summary>
internal sealed class MintPolicy
{
    private readonly List<MintPolicyRule> _rules;
    private readonly PolicyIndex _index;

    /// <summary>Creates the policy (normally done by dependency injection). The rules are read once, here: changing them
    /// afterwards has no effect.</summary>
    public MintPolicy(IOptions<MintPolicyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A copy, so that the rules the index was built from are the ones refusal messages describe.
        _rules = [.. options.Value.Rules];
        _index = new PolicyIndex(_rules);
    }

    /// <summary>Throws unless a rule grants <paramref name="caller"/> a <paramref name="kind"/> login to
    /// <paramref name="target"/> (canonical form) over <paramref name="channel"/>.</summary>
    /// <exception cref="MintRefusedException">No rule grants it; the message says what is missing.</exception>
    public void Authorize(CallerIdentity caller, LoginKind kind, MintChannel channel, string target)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        if (!_index.Allows(caller, kind, channel, target))
        {
            throw Refusal(caller, kind, channel, target);
        }
    }

    /// <summary>Why nothing grants the request: the first of caller, kind, channel and target that no rule covers. Costs time in
    /// proportion to the rules naming the caller, which the message lists.</summary>
    private MintRefusedException Refusal(CallerIdentity caller, LoginKind kind, MintChannel channel, string target)
    {
        var forCaller = _index.RulesNaming(caller).Select(i => _rules[i]).ToList();
        var kindWord = kind == LoginKind.Webmail ? "webmail" : "cPanel";
        if (forCaller.Count == 0)
        {
            return Refuse($"no policy rule names {caller}; add it (or one of its groups) to a rule in Policy:Rules.");
        }

        var forKind = forCaller.Where(r => r.EffectiveKinds.Contains(kind)).ToList();
        if (forKind.Count == 0)
        {
            return Refuse($"no policy rule lets {caller} mint {kindWord} logins; add {kindWord} to the Kinds of one of its rules ({RuleNames(forCaller)}).");
        }

        var forChannel = forKind.Where(r => r.Channels.Count == 0 || r.Channels.Contains(channel)).ToList();
        if (forChannel.Count == 0)
        {
            return Refuse($"no policy rule lets {caller} mint {kindWord} logins over {channel.ToString().ToLowerInvariant()}; add the channel to one of its rules ({RuleNames(forKind)}).");
        }

        var what = kind == LoginKind.Webmail ? $"the domain {target[(target.IndexOf('@', StringComparison.Ordinal) + 1)..]}" : $"the cPanel user {target}";
        return Refuse($"no policy rule lets {caller} mint {kindWord} logins for {what}; add a target pattern to one of its rules ({RuleNames(forChannel)}).");
    }

    private static MintRefusedException Refuse(string message) => new(RefusalReason.Policy, "Refused by policy: " + message);

    private static string RuleNames(IEnumerable<MintPolicyRule> rules) => string.Join(", ", rules.Select((r, i) => r.Name ?? $"rule {i}"));

    /// <summary>Case-insensitive glob on mailbox addresses: <c>*</c> matches within one part, never across <c>@</c>.</summary>
    internal static bool Matches(string pattern, string target, LoginKind kind)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (kind == LoginKind.Cpanel)
        {
            return string.Equals(pattern, target, StringComparison.Ordinal);
        }

        var p = pattern.Split('@');
        var t = target.Split('@');
        if (p.Length != 2 || t.Length != 2)
        {
            return false;
        }

        // Targets arrive with punycode domains; patterns may be written in Unicode.
        var wildcard = p[1].StartsWith("*.", StringComparison.Ordinal);
        var domain = wildcard ? p[1][2..] : p[1];
        var domainPattern = (wildcard ? "*." : "") + (Fleet.DomainName.ToAscii(domain) ?? domain.ToLowerInvariant());
        return Glob(p[0], t[0]) && Glob(domainPattern, t[1]);
    }

    private static bool Glob(string pattern, string text)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return text.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(pattern, text, StringComparison.OrdinalIgnoreCase);
    }
}
