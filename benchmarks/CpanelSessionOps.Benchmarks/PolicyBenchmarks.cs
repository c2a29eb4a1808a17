using BenchmarkDotNet.Attributes;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// One policy decision with a rule of the Action's shape (one exact pattern per mailbox, <see cref="Entries"/> of them) and
/// a wildcard rule, for a mailbox at the start and at the end of the list and one matched by a wildcard. Target: the
/// same cost at every size, at most 1 µs and nothing allocated for 10,000 entries.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private static readonly CallerIdentity Caller = new(CallerKind.GitHub, "deployer", ["ops"]);

    private MintPolicy _policy = null!;
    private string _first = null!;
    private string _last = null!;

    [Params(10, 1_000, 10_000, 100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _policy = new MintPolicy(Options.Create(new MintPolicyOptions
        {
            Rules =
            [
                new MintPolicyRule { Name = "deploy-check", Callers = ["github:deployer"], Targets = [.. Enumerable.Range(0, Entries).Select(i => $"user{i}@example.com")] },
                new MintPolicyRule { Name = "ops", Callers = ["group:ops"], Targets = ["*@*.example.org"], Channels = [MintChannel.Http] },
            ],
        }));
        _first = "user0@example.com";
        _last = $"user{Entries - 1}@example.com";
    }

    [Benchmark(Description = "exact mailbox, first in the list")]
    public void ExactFirst() => _policy.Authorize(Caller, LoginKind.Webmail, MintChannel.Action, _first);

    [Benchmark(Description = "exact mailbox, last in the list")]
    public void ExactLast() => _policy.Authorize(Caller, LoginKind.Webmail, MintChannel.Action, _last);

    [Benchmark(Description = "wildcard *@*.example.org, by group")]
    public void Wildcard() => _policy.Authorize(Caller, LoginKind.Webmail, MintChannel.Http, "alice@mail.shop.example.org");
}
