namespace CpanelSessionOps.Emulator.Faults;

/// <summary>The faults in force. Thread-safe; changes apply to the next request.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<ActiveFault> _faults = [];
    private readonly List<(FaultKind Kind, TaskCompletionSource<string> Applied)> _waiters = [];
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

    /// <summary>
    /// Completes, with the function called, when the next request meets a fault of <paramref name="kind"/>: for
    /// <see cref="FaultKind.Latency"/>, while that request is being held. Call it before the request is sent; a test then acts
    /// (moves its fake clock, cancels) while the server holds the request, instead of guessing how long the request takes.
    /// </summary>
    /// <param name="kind">The fault to wait for.</param>
    /// <param name="cancellationToken">Stops waiting (a test's hang guard).</param>
    public async Task<string> WaitForAppliedAsync(FaultKind kind, CancellationToken cancellationToken = default)
    {
        var waiter = (Kind: kind, Applied: new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Applied.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
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
                foreach (var waiter in _waiters)
                {
                    if (waiter.Kind == fault.Rule.Kind)
                    {
                        waiter.Applied.TrySetResult(function);
                    }
                }

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
