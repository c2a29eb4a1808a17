using System.Text.Json;

namespace CpanelSessionOps.Infra.Tests.Support;

/// <summary>
/// The Bicep linter's rule names, our own list written from the documentation (each rule has a page under
/// https://learn.microsoft.com/azure/azure-resource-manager/bicep/linter, and the configurable set is shown at
/// https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-config-linter), for the bicep CLI version pinned
/// in Directory.Packages.props. bicep ignores a rule name it does not know, so bicepconfig.json is checked against this
/// list; the list itself is checked against the CLI by linting TestData/LinterProbe (see TemplateBuildTests).
/// </summary>
internal static class BicepLinterRules
{
    /// <summary>The levels a rule can be set to.</summary>
    public static IReadOnlySet<string> Levels { get; } = new HashSet<string>(StringComparer.Ordinal) { "off", "info", "warning", "error" };

    /// <summary>Every rule name of the linter's core analyzer.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "adminusername-should-not-be-literal",
        "artifacts-parameters",
        "decompiler-cleanup",
        "explicit-values-for-loc-params",
        "max-asserts",
        "max-outputs",
        "max-params",
        "max-resources",
        "max-variables",
        "nested-deployment-template-scoping",
        "no-conflicting-metadata",
        "no-deployments-resources",
        "no-explicit-any",
        "no-hardcoded-env-urls",
        "no-hardcoded-location",
        "no-hardcoded-outputs",
        "no-loc-expr-outside-params",
        "no-module-name",
        "no-unnecessary-dependson",
        "no-unused-existing-resources",
        "no-unused-imports",
        "no-unused-params",
        "no-unused-types",
        "no-unused-vars",
        "outputs-should-not-contain-secrets",
        "prefer-interpolation",
        "prefer-unquoted-property-names",
        "protect-commandtoexecute-secrets",
        "secure-parameter-default",
        "secure-params-in-nested-deploy",
        "secure-params-in-parameters-file",
        "secure-secrets-in-params",
        "simplify-interpolation",
        "simplify-json-null",
        "stacks-extensibility-compat",
        "use-description-outputs",
        "use-description-params",
        "use-description-type-properties",
        "use-description-types",
        "use-description-vars",
        "use-parent-property",
        "use-recent-api-versions",
        "use-recent-az-powershell-version",
        "use-recent-module-versions",
        "use-recognized-resource-type",
        "use-resource-id-functions",
        "use-resource-symbol-reference",
        "use-safe-access",
        "use-secure-value-for-secure-inputs",
        "use-stable-resource-identifiers",
        "use-stable-vm-image",
        "use-user-defined-types",
        "what-if-short-circuiting",
    };

    /// <summary>
    /// What is wrong with the <c>analyzers.core</c> section of a bicepconfig.json: a rule name the linter does not know
    /// (bicep would ignore it silently), a known rule left out, a rule without a valid level, or the linter disabled.
    /// Empty when the section configures every known rule and nothing else.
    /// </summary>
    public static IReadOnlyList<string> Problems(JsonElement config)
    {
        if (!config.TryGetProperty("analyzers", out var analyzers) || !analyzers.TryGetProperty("core", out var core))
        {
            return ["analyzers.core is missing: the linter runs with its defaults."];
        }

        var problems = new List<string>();
        if (!core.TryGetProperty("enabled", out var enabled) || enabled.ValueKind != JsonValueKind.True)
        {
            problems.Add("analyzers.core.enabled is not true: the linter is off.");
        }

        var configured = core.TryGetProperty("rules", out var rules) && rules.ValueKind == JsonValueKind.Object
            ? rules.EnumerateObject().ToList()
            : [];
        foreach (var rule in configured)
        {
            if (!Known.Contains(rule.Name))
            {
                problems.Add($"analyzers.core.rules.{rule.Name} is not a Bicep linter rule (bicep ignores it): check the spelling.");
            }

            if (rule.Value.ValueKind != JsonValueKind.Object || !rule.Value.TryGetProperty("level", out var level) ||
                level.ValueKind != JsonValueKind.String || !Levels.Contains(level.GetString()!))
            {
                problems.Add($"analyzers.core.rules.{rule.Name}.level must be one of {string.Join(", ", Levels)}.");
            }
        }

        problems.AddRange(Known.Except(configured.Select(static r => r.Name), StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(static name => $"analyzers.core.rules.{name} is not configured: set its level."));
        return problems;
    }
}
