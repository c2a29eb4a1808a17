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
    public void BicepConfig_NamesEveryLinterRuleExactly_AndRaisesEachToError()
    {
        var config = ReadBicepConfig(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "bicepconfig.json")));
        var configured = config.GetProperty("analyzers").GetProperty("core").GetProperty("rules").EnumerateObject()
            .ToDictionary(static r => r.Name, static r => r.Value.GetProperty("level").GetString());

        // Every known rule configured, no other name (bicep ignores a misspelt rule silently), the linter on.
        Assert.Empty(BicepLinterRules.Problems(config));
        // Off only: the two rules whose verdict depends on today's date (API and module versions age), which would turn a
        // green build red with no change here.
        Assert.All(configured, static rule => Assert.True(
            rule.Value == "error" || (rule.Key is "use-recent-api-versions" or "use-recent-module-versions" && rule.Value == "off"),
            $"{rule.Key} is {rule.Value}"));
    }

    [Theory]
    [InlineData("no-unused-paramz", "error", "analyzers.core.rules.no-unused-paramz is not a Bicep linter rule")]
    [InlineData("no-unused-params", "eror", "analyzers.core.rules.no-unused-params.level must be one of")]
    public void BicepConfigCheck_RefusesAMisspeltRuleOrLevel(string rule, string level, string problem)
    {
        var rules = string.Join(", ", BicepLinterRules.Known.Where(r => r != rule).Select(static r => $"\"{r}\": {{ \"level\": \"error\" }}")
            .Append($"\"{rule}\": {{ \"level\": \"{level}\" }}"));
        var config = ReadBicepConfig($$"""{ "analyzers": { "core": { "enabled": true, "rules": { {{rules}} } } } }""");

        Assert.Contains(BicepLinterRules.Problems(config), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void BicepConfigCheck_RefusesARuleLeftOut()
    {
        var rules = string.Join(", ", BicepLinterRules.Known.Where(static r => r != "use-safe-access").Select(static r => $"\"{r}\": {{ \"level\": \"error\" }}"));
        var config = ReadBicepConfig($$"""{ "analyzers": { "core": { "enabled": true, "rules": { {{rules}} } } } }""");

        Assert.Equal(["analyzers.core.rules.use-safe-access is not configured: set its level."], BicepLinterRules.Problems(config));
    }

    [Fact]
    public async Task LinterRuleNames_AreTheCliOwn_AndTheConfigReachesThem()
    {
        // A probe template that breaks these rules on purpose, linted with infra/bicepconfig.json: each comes back under the
        // name in our list, at error (several are off or warning by default, so error means bicep read our entry for it).
        string[] violated =
        [
            "no-deployments-resources", "no-explicit-any", "no-hardcoded-env-urls", "no-hardcoded-location", "no-hardcoded-outputs",
            "no-loc-expr-outside-params", "no-unnecessary-dependson", "no-unused-existing-resources", "no-unused-params",
            "outputs-should-not-contain-secrets", "prefer-interpolation", "prefer-unquoted-property-names", "secure-parameter-default",
            "simplify-interpolation", "simplify-json-null", "use-description-outputs", "use-description-params", "use-description-vars",
            "use-parent-property", "use-user-defined-types",
        ];
        var folder = Directory.CreateTempSubdirectory("bicep-linter-probe-");
        try
        {
            File.Copy(RepositoryPaths.TestData("LinterProbe", "main.bicep"), Path.Combine(folder.FullName, "main.bicep"));
            File.Copy(Path.Combine(RepositoryPaths.Infra, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));

            var run = await BicepCli.RunAsync(folder.FullName, "lint", "main.bicep", "--no-restore", "--diagnostics-format", "sarif");

            using var sarif = JsonDocument.Parse(run.StandardOutput);
            var reported = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Select(static r => (Rule: r.GetProperty("ruleId").GetString()!, Level: r.TryGetProperty("level", out var l) ? l.GetString() : "warning"))
                .ToList();
            Assert.Equal(violated.Order(StringComparer.Ordinal), reported.Select(static r => r.Rule).Distinct().Order(StringComparer.Ordinal));
            Assert.Empty(violated.Except(BicepLinterRules.Known));
            Assert.All(reported, static r => Assert.True(r.Level == "error", $"{r.Rule} reported at {r.Level}"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static JsonElement ReadBicepConfig(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return document.RootElement.Clone();
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
