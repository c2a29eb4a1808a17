namespace CpanelSessionOps.Policy.Internal;

/// <summary>
/// The target patterns of one or more rules for one kind, precompiled so that a match costs hash lookups: one for an
/// exact mailbox, one per label for wildcards, whatever the number of patterns. Matches exactly what
/// <see cref="MintPolicy.Matches"/> matches, pattern by pattern (the tests compare the two).
/// </summary>
internal sealed class TargetSet
{
    private readonly LoginKind _kind;
    private bool _everything;

    // Webmail: by the pattern's domain part (exact, suffix ".example.com" for "*.example.com", or "*"), then its local part.
    private readonly Dictionary<string, LocalParts> _exactDomains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LocalParts> _domainSuffixes = new(StringComparer.OrdinalIgnoreCase);
    private LocalParts? _anyDomain;

    // cPanel: user names compare exactly.
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);

    public TargetSet(LoginKind kind) => _kind = kind;

    public void Add(string pattern)
    {
        if (pattern == "*")
        {
            _everything = true;
            return;
        }

        if (_kind == LoginKind.Cpanel)
        {
            _users.Add(pattern);
            return;
        }

        var parts = pattern.Split('@');
        if (parts.Length != 2)
        {
            return; // Matches nothing, as MintPolicy.Matches says.
        }

        // The domain pattern exactly as MintPolicy.Matches forms it: punycode when it converts, lower case otherwise.
        var wildcard = parts[1].StartsWith("*.", StringComparison.Ordinal);
        var domain = wildcard ? parts[1][2..] : parts[1];
        var domainPattern = (wildcard ? "*." : "") + (Fleet.DomainName.ToAscii(domain) ?? domain.ToLowerInvariant());
        LocalParts locals;
        if (domainPattern == "*")
        {
            locals = _anyDomain ??= new LocalParts();
        }
        else
        {
            var (map, key) = domainPattern.StartsWith("*.", StringComparison.Ordinal) ? (_domainSuffixes, domainPattern[1..]) : (_exactDomains, domainPattern);
            if (!map.TryGetValue(key, out locals!))
            {
                map[key] = locals = new LocalParts();
            }
        }

        locals.Add(parts[0]);
    }

    /// <summary>Whether a pattern matches <paramref name="target"/>. Allocates nothing.</summary>
    public bool Matches(string target)
    {
        if (_everything)
        {
            return true;
        }

        if (_kind == LoginKind.Cpanel)
        {
            return _users.Contains(target);
        }

        var at = target.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != target.LastIndexOf('@'))
        {
            return false;
        }

        var local = target.AsSpan(0, at);
        var domain = target.AsSpan(at + 1);
        if (_anyDomain is not null && _anyDomain.Matches(local))
        {
            return true;
        }

        if (_exactDomains.Count > 0 && _exactDomains.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(domain, out var exact) && exact.Matches(local))
        {
            return true;
        }

        return _domainSuffixes.Count > 0 && MatchesSuffix(_domainSuffixes.GetAlternateLookup<ReadOnlySpan<char>>(), domain, local);
    }

    /// <summary>"*.example.com" matches a domain that ends with ".example.com": every dot of the domain starts a candidate.</summary>
    private static bool MatchesSuffix(Dictionary<string, LocalParts>.AlternateLookup<ReadOnlySpan<char>> suffixes, ReadOnlySpan<char> domain, ReadOnlySpan<char> local)
    {
        for (var i = domain.IndexOf('.'); i >= 0; i = NextDot(domain, i))
        {
            if (suffixes.TryGetValue(domain[i..], out var locals) && locals.Matches(local))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextDot(ReadOnlySpan<char> text, int dot)
    {
        var next = text[(dot + 1)..].IndexOf('.');
        return next < 0 ? -1 : dot + 1 + next;
    }

    /// <summary>The local parts granted for one domain pattern: "*", exact names, or "*.suffix" (as the glob reads them).</summary>
    private sealed class LocalParts
    {
        private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _suffixes = new(StringComparer.OrdinalIgnoreCase);
        private bool _any;

        public void Add(string pattern)
        {
            if (pattern == "*")
            {
                _any = true;
            }
            else if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                _suffixes.Add(pattern[1..]);
            }
            else
            {
                _exact.Add(pattern);
            }
        }

        public bool Matches(ReadOnlySpan<char> local)
        {
            if (_any || (_exact.Count > 0 && _exact.GetAlternateLookup<ReadOnlySpan<char>>().Contains(local)))
            {
                return true;
            }

            if (_suffixes.Count == 0)
            {
                return false;
            }

            var lookup = _suffixes.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var i = local.IndexOf('.'); i >= 0; i = NextDot(local, i))
            {
                if (lookup.Contains(local[i..]))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
