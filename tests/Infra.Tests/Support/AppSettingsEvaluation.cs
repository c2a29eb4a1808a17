using System.Text.Json;
using System.Text.RegularExpressions;

namespace CpanelSessionOps.Infra.Tests.Support;

/// <summary>
/// Evaluates the template's <c>appSettings</c> function (infra/modules/appsettings.bicep) offline: a generated
/// <c>.bicepparam</c> imports it, feeds it a parameters file's values the way modules/functionapp.bicep does, and
/// <c>bicep build-params</c> prints the result. So the tests see the exact settings a deployment writes.
/// </summary>
internal static partial class AppSettingsEvaluation
{
    /// <summary>What the template knows from the resources it creates, as stand-ins.</summary>
    public const string StorageAccountName = "stexample";
    public const string TableEndpoint = "https://stexample.table.core.windows.net/";
    public const string QueueEndpoint = "https://stexample.queue.core.windows.net/";
    public const string IdentityClientId = "11111111-2222-3333-4444-555555555555";
    public const string VaultUri = "https://kv-example.vault.azure.net/";

    /// <summary>
    /// The settings for <paramref name="parametersFile"/>, after azd's substitution of <c>${NAME}</c> with
    /// <paramref name="environment"/> (unset names become empty, as azd does).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> EvaluateAsync(string parametersFile, IReadOnlyDictionary<string, string> environment)
    {
        var work = Path.Combine(Path.GetTempPath(), "cpanel-session-ops-settings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var substituted = EnvironmentReference().Replace(
                await File.ReadAllTextAsync(parametersFile), m => environment.TryGetValue(m.Groups[1].Value, out var value) ? value : "");
            await File.WriteAllTextAsync(Path.Combine(work, "parameters.json"), substituted);

            var module = Path.GetRelativePath(work, Path.Combine(RepositoryPaths.Infra, "modules", "appsettings.bicep")).Replace('\\', '/');
            await File.WriteAllTextAsync(Path.Combine(work, "evaluate.bicepparam"), $$"""
                using none

                import { appSettings, authenticationSecretSettingName } from '{{module}}'

                var parameters = loadJsonContent('parameters.json').parameters
                var authClientSecretName = parameters.authClientSecretName.value

                param settings = appSettings({
                  fleet: parameters.fleet.value
                  policy: parameters.policy.value
                  audit: parameters.audit.value
                  apiKeys: parameters.apiKeys.value
                  trustAppServiceAuthentication: !empty(parameters.authClientId.value)
                  chatOps: parameters.chatOps.value
                  platform: {
                    storageAccountName: '{{StorageAccountName}}'
                    tableEndpoint: '{{TableEndpoint}}'
                    queueEndpoint: '{{QueueEndpoint}}'
                    identityClientId: '{{IdentityClientId}}'
                    vaultUri: '{{VaultUri}}'
                    applicationInsightsConnectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.in.applicationinsights.azure.com/'
                    authenticationSecretReference: empty(authClientSecretName) ? null : '@Microsoft.KeyVault(VaultName=kv-example;SecretName=${authClientSecretName})'
                  }
                })

                // Keeps the import used when no client secret is configured.
                param authenticationSetting = authenticationSecretSettingName
                """);

            var run = await BicepCli.RunAsync(work, "build-params", "evaluate.bicepparam", "--stdout");
            Assert.True(run.ExitCode == 0 && run.Diagnostics.Count == 0, run.Describe());
            using var envelope = JsonDocument.Parse(run.StandardOutput);
            using var parameters = JsonDocument.Parse(envelope.RootElement.GetProperty("parametersJson").GetString()!);
            return parameters.RootElement.GetProperty("parameters").GetProperty("settings").GetProperty("value")
                .EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value.GetString()!, StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvironmentReference();
}
