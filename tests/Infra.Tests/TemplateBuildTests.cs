using System.Text.Json;
using System.Text.RegularExpressions;
using CpanelSessionOps.Infra.Tests.Support;

namespace CpanelSessionOps.Infra.Tests;

/// <summary>infra/ compiles and lints clean with the bicep CLI from NuGet, warnings treated as errors, offline.</summary>
public sealed partial class TemplateBuildTests
{
    [Fact]
    public async Task Build_MainTemplate_CompilesWithoutAnyDiagnostic()
    {
        var run = await CompiledTemplate.RunAsync();

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public async Task Lint_EveryBicepFile_ReportsNothing()
    {
        // One run over every file (a module nobody uses is linted too); --no-restore: nothing may need a registry.
        Assert.Contains(Directory.GetFiles(RepositoryPaths.Infra, "*.bicep", SearchOption.AllDirectories), static f => f.EndsWith("main.bicep", StringComparison.Ordinal));

        var run = await BicepCli.RunAsync(RepositoryPaths.Infra, "lint", "--pattern", "**/*.bicep", "--no-restore");

        Assert.True(run.ExitCode == 0 && run.Diagnostics.Count == 0, run.Describe());
    }

    [Fact]
    public void BicepConfig_MatchesBicepsSchema_AndRaisesEveryLinterRuleToError()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "bicepconfig.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        var configured = core.GetProperty("rules").EnumerateObject().ToDictionary(static r => r.Name, static r => r.Value.GetProperty("level").GetString());

        // The schema's rules allow no other names, so a misspelt rule (which bicep ignores silently) fails here.
        Assert.Empty(PublishedSchemas.Errors(PublishedSchemas.BicepConfig, config.RootElement));
        Assert.True(core.GetProperty("enabled").GetBoolean());
        Assert.Empty(PublishedSchemas.BicepLinterRules.Except(configured.Keys));
        // Off only: the two rules whose verdict depends on today's date (API and module versions age), which would turn a
        // green build red with no change here.
        Assert.All(configured, static rule => Assert.True(
            rule.Value == "error" || (rule.Key is "use-recent-api-versions" or "use-recent-module-versions" && rule.Value == "off"),
            $"{rule.Key} is {rule.Value}"));
    }

    [Fact]
    public void Modules_AreLocalFiles_NoRegistryNeeded()
    {
        foreach (var file in Directory.GetFiles(RepositoryPaths.Infra, "*.bicep", SearchOption.AllDirectories))
        {
            foreach (Match reference in ModuleReference().Matches(File.ReadAllText(file)))
            {
                var target = reference.Groups["target"].Value;
                Assert.False(target.StartsWith("br:", StringComparison.Ordinal) || target.StartsWith("br/", StringComparison.Ordinal) ||
                             target.StartsWith("ts:", StringComparison.Ordinal) || target.StartsWith("ts/", StringComparison.Ordinal),
                    $"{Path.GetFileName(file)} uses {target}, which needs a registry at build time.");
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, target)), $"{Path.GetFileName(file)}: {target} does not exist.");
            }
        }
    }

    [GeneratedRegex(@"^\s*(module\s+\w+|import\s+.*?\s+from)\s+'(?<target>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleReference();
}
