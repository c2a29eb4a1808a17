namespace CpanelSessionOps.Emulator.Faults;

/// <summary>The faults in force. Thread-safe; changes apply to the next request.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<ActiveFault> _faults = [];
    private volatile int _count;

    /// <summary>Adds a fault.</summary>
    /// <exception cref="ArgumentException">The rule is inconsistent (a negative count or delay, a latency fault without delay).</exception>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (string.IsNullOrWhiteSpace(rule.Function))
        {
            throw new ArgumentException("Function must name a function, \"login\", or \"*\" for all.", nameof(rule));
        }

        if (rule.Times is < 1)
        {
            throw new ArgumentException("Times must be at least 1, or null for no limit.", nameof(rule));
        }

        if (rule.Delay < TimeSpan.Zero || (rule.Kind == FaultKind.Latency && rule.Delay == TimeSpan.Zero))
        {
            throw new ArgumentException("Delay must be positive for a Latency fault and never negative.", nameof(rule));
        }

        if (rule.RetryAfterSeconds is < 0)
        {
            throw new ArgumentException("RetryAfterSeconds must not be negative.", nameof(rule));
        }

        lock (_gate)
        {
            _faults.Add(new ActiveFault(rule, rule.Times ?? int.MaxValue));
            _count = _faults.Count;
        }
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
            _count = 0;
        }
    }

    /// <summary>The faults in force, with how many uses each has left (<see langword="null"/> for no limit).</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults.Select(f => f.Rule with { Times = f.Rule.Times is null ? null : f.Remaining })];
            }
        }
    }

    /// <summary>Takes the faults that apply to one request to <paramref name="function"/>, spending one use of each.</summary>
    internal IReadOnlyList<FaultRule> Take(string function)
    {
        if (_count == 0)
        {
            return [];
        }

        lock (_gate)
        {
            List<FaultRule>? taken = null;
            for (var i = 0; i < _faults.Count; i++)
            {
                var fault = _faults[i];
                if (fault.Rule.Function != "*" && !string.Equals(fault.Rule.Function, function, StringComparison.Ordinal))
                {
                    continue;
                }

                (taken ??= []).Add(fault.Rule);
                if (--fault.Remaining == 0)
                {
                    _faults.RemoveAt(i--);
                }
            }

            _count = _faults.Count;
            return taken ?? (IReadOnlyList<FaultRule>)[];
        }
    }

    private sealed class ActiveFault(FaultRule rule, int remaining)
    {
        public FaultRule Rule { get; } = rule;
        public int Remaining { get; set; } = remaining;
    }
}
