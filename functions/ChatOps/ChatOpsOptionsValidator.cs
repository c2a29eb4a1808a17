using CpanelSessionOps.Credentials;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>Checks the chat settings at start: a secret setting that is set must be a secret reference, or every request of
/// that platform would be refused later (401/503) with nothing at start to say why. Unset settings are fine (the platform
/// is not used). The message names the setting and never repeats its value (it may be a pasted secret).</summary>
internal sealed class ChatOpsOptionsValidator : IValidateOptions<ChatOpsOptions>
{
    private const string Forms = "write keyvault:NAME, https://VAULT.vault.azure.net/secrets/NAME, env:NAME, or inline:VALUE (local development only)";

    public ValidateOptionsResult Validate(string? name, ChatOpsOptions options)
    {
        var problems = new List<string>();
        Check(problems, nameof(ChatOpsOptions.SlackSigningSecret), options.SlackSigningSecret);
        Check(problems, nameof(ChatOpsOptions.TeamsSecurityToken), options.TeamsSecurityToken);
        Check(problems, nameof(ChatOpsOptions.GitHubWebhookSecret), options.GitHubWebhookSecret);
        Check(problems, nameof(ChatOpsOptions.GitHubToken), options.GitHubToken);
        Check(problems, nameof(ChatOpsOptions.GitHubAppPrivateKey), options.GitHubAppPrivateKey);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(List<string> problems, string setting, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !SecretReference.TryParse(value, out _, out _))
        {
            problems.Add($"ChatOps:{setting} is not a secret reference; {Forms}.");
        }
    }
}
