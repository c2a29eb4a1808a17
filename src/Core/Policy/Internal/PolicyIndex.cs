namespace CpanelSessionOps.Policy.Internal;

/// <summary>
/// <see cref="MintPolicyOptions.Rules"/> precompiled at start: who is named (by caller kind and id, or by group) → what
/// they are granted per kind and channel → the union of those rules' targets as one <see cref="TargetSet"/>. A decision
/// costs a handful of hash lookups, whatever the number of rules and patterns, and allocates nothing.
/// </summary>
internal sealed class PolicyIndex
{
    private static readonly string[] Prefixes = ["name", "entra", "app", "slack", "teams", "github"];

    // One map per caller prefix (the order of Prefixes), each with the platform's comparison for ids.
    private readonly Dictionary<string, Grants>[] _callers;
    private readonly Dictionary<string, Grants> _groups = new(StringComparer.OrdinalIgnoreCase);

    public PolicyIndex(IReadOnlyList<MintPolicyRule> rules)
    {
        _callers = [.. Prefixes.Select(p => new Dictionary<string, Grants>(IsCaseSensitive(p) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase))];
        var named = new Dictionary<Grants, List<int>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < rules.Count; i++)
        {
            foreach (var granted in rules[i].Callers)
            {
                if (Find(granted) is { } grants)
                {
                    (named.TryGetValue(grants, out var list) ? list : named[grants] = []).Add(i);
                }
            }
        }

        // Principals named by the same rules share their compiled targets: a rule listing many callers is compiled once.
        var shared = new Dictionary<string, TargetSet>(StringComparer.Ordinal);
        foreach (var (grants, ruleIndexes) in named)
        {
            grants.Build([.. ruleIndexes.Distinct().Order()], rules, shared);
        }
    }

    /// <summary>Whether a rule grants <paramref name="caller"/> a <paramref name="kind"/> login to <paramref name="target"/> over
    /// <paramref name="channel"/>. Allocates nothing.</summary>
    public bool Allows(CallerIdentity caller, LoginKind kind, MintChannel channel, string target)
    {
        if (caller.Id is not null && _callers[PrefixIndex(CallerIdentity.Prefix(caller.Kind))].TryGetValue(caller.Id, out var own) &&
            own.Allows(kind, channel, target))
        {
            return true;
        }

        if (caller.Groups is { Count: > 0 } groups && _groups.Count > 0)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i] is { } group && _groups.TryGetValue(group, out var grants) && grants.Allows(kind, channel, target))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The indexes of the rules that name <paramref name="caller"/> (by id or group), in rule order: for refusal messages.</summary>
    public IReadOnlyList<int> RulesNaming(CallerIdentity caller)
    {
        var found = new SortedSet<int>();
        if (caller.Id is not null && _callers[PrefixIndex(CallerIdentity.Prefix(caller.Kind))].TryGetValue(caller.Id, out var own))
        {
            found.UnionWith(own.Rules);
        }

        foreach (var group in caller.Groups ?? [])
        {
            if (group is not null && _groups.TryGetValue(group, out var grants))
            {
                found.UnionWith(grants.Rules);
            }
        }

        return [.. found];
    }

    private Grants? Find(string? granted)
    {
        if (granted is null)
        {
            return null;
        }

        Dictionary<string, Grants> map;
        string id;
        if (granted.StartsWith("group:", StringComparison.OrdinalIgnoreCase))
        {
            (map, id) = (_groups, granted[6..]);
        }
        else
        {
            var colon = granted.IndexOf(':', StringComparison.Ordinal);
            var prefix = colon < 0 ? -1 : PrefixIndex(granted[..colon]);
            if (prefix < 0)
            {
                return null; // Names no caller kind: matches no one.
            }

            (map, id) = (_callers[prefix], granted[(colon + 1)..]);
        }

        if (!map.TryGetValue(id, out var grants))
        {
            map[id] = grants = new Grants();
        }

        return grants;
    }

    private static int PrefixIndex(string prefix)
    {
        for (var i = 0; i < Prefixes.Length; i++)
        {
            if (string.Equals(Prefixes[i], prefix, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    // GitHub logins, Entra ids and names compare case-insensitively; Slack and Teams ids are case-sensitive.
    private static bool IsCaseSensitive(string prefix) => prefix is "slack" or "teams";

    /// <summary>What one principal (a caller id or a group) is granted.</summary>
    private sealed class Grants
    {
        private readonly Dictionary<LoginKind, TargetSet> _everyChannel = [];
        private readonly Dictionary<(LoginKind, MintChannel), TargetSet> _byChannel = [];

        public int[] Rules { get; private set; } = [];

        public bool Allows(LoginKind kind, MintChannel channel, string target) =>
            (_everyChannel.TryGetValue(kind, out var any) && any.Matches(target)) ||
            (_byChannel.TryGetValue((kind, channel), out var some) && some.Matches(target));

        public void Build(int[] ruleIndexes, IReadOnlyList<MintPolicyRule> rules, Dictionary<string, TargetSet> shared)
        {
            Rules = ruleIndexes;
            var everyChannel = new Dictionary<LoginKind, List<int>>();
            var byChannel = new Dictionary<(LoginKind, MintChannel), List<int>>();
            foreach (var i in ruleIndexes)
            {
                foreach (var kind in rules[i].EffectiveKinds.Distinct())
                {
                    if (rules[i].Channels.Count == 0)
                    {
                        (everyChannel.TryGetValue(kind, out var list) ? list : everyChannel[kind] = []).Add(i);
                    }
                    else
                    {
                        foreach (var channel in rules[i].Channels.Distinct())
                        {
                            (byChannel.TryGetValue((kind, channel), out var list) ? list : byChannel[(kind, channel)] = []).Add(i);
                        }
                    }
                }
            }

            foreach (var (kind, list) in everyChannel)
            {
                _everyChannel[kind] = Compile(kind, list, rules, shared);
            }

            foreach (var (key, list) in byChannel)
            {
                _byChannel[key] = Compile(key.Item1, list, rules, shared);
            }
        }

        private static TargetSet Compile(LoginKind kind, List<int> ruleIndexes, IReadOnlyList<MintPolicyRule> rules, Dictionary<string, TargetSet> shared)
        {
            var key = (int)kind + ":" + string.Join(',', ruleIndexes);
            if (!shared.TryGetValue(key, out var set))
            {
                shared[key] = set = new TargetSet(kind);
                foreach (var i in ruleIndexes)
                {
                    foreach (var pattern in rules[i].Targets)
                    {
                        if (pattern is not null)
                        {
                            set.Add(pattern);
                        }
                    }
                }
            }

            return set;
        }
    }
}
