using System.Text.Json;
using System.Text.RegularExpressions;
using CpanelSessionOps.Infra.Tests.Support;

namespace CpanelSessionOps.Infra.Tests;

/// <summary>The compiled ARM JSON has the security properties the deployment promises.</summary>
public sealed partial class TemplateSecurityTests
{
    // Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";

    [Fact]
    public async Task StorageAccount_IsReachedByIdentityOnly()
    {
        var account = (await CompiledTemplate.MainAsync()).Single("Microsoft.Storage/storageAccounts");

        Assert.Equal("false", account.StringAt("properties.allowSharedKeyAccess"));
        Assert.Equal("true", account.StringAt("properties.defaultToOAuthAuthentication"));
        Assert.Equal("false", account.StringAt("properties.allowBlobPublicAccess"));
        Assert.Equal("None", (await CompiledTemplate.MainAsync()).Single("Microsoft.Storage/storageAccounts/blobServices/containers").StringAt("properties.publicAccess"));
    }

    [Fact]
    public async Task StorageAccount_TakesHttpsAndTls12Only()
    {
        var account = (await CompiledTemplate.MainAsync()).Single("Microsoft.Storage/storageAccounts");

        Assert.Equal("true", account.StringAt("properties.supportsHttpsTrafficOnly"));
        Assert.Equal("TLS1_2", account.StringAt("properties.minimumTlsVersion"));
    }

    [Fact]
    public async Task Template_NeverReadsAKeyOrConnectionStringOfAnyResource()
    {
        var template = await CompiledTemplate.MainAsync();

        // listKeys, listAccountSas, listSecrets ...: a key in a template ends up in an app setting or the deployment history.
        Assert.DoesNotMatch(ListFunction(), template.Root.GetRawText());
        Assert.DoesNotContain("AccountKey=", template.Root.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FunctionApp_DeploysAndRunsByTheUserAssignedIdentity()
    {
        var template = await CompiledTemplate.MainAsync();
        var site = template.Single("Microsoft.Web/sites");

        Assert.Equal("UserAssigned", site.StringAt("identity.type"));
        Assert.Equal("blobContainer", site.StringAt("properties.functionAppConfig.deployment.storage.type"));
        Assert.Equal("UserAssignedIdentity", site.StringAt("properties.functionAppConfig.deployment.storage.authentication.type"));
        // The deployment package is read by the same identity the app runs as: the identity module's one identity.
        Assert.Equal("[parameters('identityId')]", site.StringAt("properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"));
        Assert.Equal("[format('{0}', parameters('identityId'))]", Assert.Single(site.At("identity.userAssignedIdentities")!.Value.EnumerateObject()).Name);
        Assert.Equal("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName'))]", ModuleParameter(template, "functionApp", "identityId"));
        Assert.Null(site.At("properties.functionAppConfig.deployment.storage.authentication.storageAccountConnectionStringName"));
    }

    [Fact]
    public async Task FunctionApp_IsFlexConsumptionDotnet10IsolatedOnLinux()
    {
        var template = await CompiledTemplate.MainAsync();
        var plan = template.Single("Microsoft.Web/serverfarms");
        var site = template.Single("Microsoft.Web/sites");

        Assert.Equal("FlexConsumption", plan.StringAt("sku.tier"));
        Assert.Equal("FC1", plan.StringAt("sku.name"));
        Assert.Equal("true", plan.StringAt("properties.reserved"));
        Assert.Equal("functionapp,linux", site.StringAt("kind"));
        Assert.Equal("dotnet-isolated", site.StringAt("properties.functionAppConfig.runtime.name"));
        Assert.Equal("10.0", site.StringAt("properties.functionAppConfig.runtime.version"));
        // azd deploys the `functions` service of azure.yaml to the app carrying this tag.
        Assert.Contains("'azd-service-name', 'functions'", site.StringAt("tags"), StringComparison.Ordinal);
        // Flex Consumption: no always-ready instances, so nothing runs (or bills) while idle.
        Assert.Null(site.At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady"));
    }

    [Fact]
    public async Task FunctionApp_IsHttpsOnlyWithTls12AndNoFtpOrBasicAuthPublishing()
    {
        var template = await CompiledTemplate.MainAsync();
        var site = template.Single("Microsoft.Web/sites");
        var policies = template.AllResources().Where(static r => r.Type == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal("true", site.StringAt("properties.httpsOnly"));
        Assert.Equal("1.2", site.StringAt("properties.siteConfig.minTlsVersion"));
        Assert.Equal("1.2", site.StringAt("properties.siteConfig.scmMinTlsVersion"));
        Assert.Equal("Disabled", site.StringAt("properties.siteConfig.ftpsState"));
        Assert.Equal(["'ftp')]", "'scm')]"], policies.Select(static p => p.StringAt("name")![^7..]).Order());
        Assert.All(policies, static p => Assert.Equal("false", p.StringAt("properties.allow")));
        Assert.All(policies, static p => Assert.Null(p.Condition));
    }

    [Fact]
    public async Task KeyVault_UsesRbacAuthorizationAndKeepsDeletedSecrets()
    {
        var vault = (await CompiledTemplate.MainAsync()).Single("Microsoft.KeyVault/vaults");

        Assert.Equal("true", vault.StringAt("properties.enableRbacAuthorization"));
        Assert.Null(vault.At("properties.accessPolicies"));
        Assert.Equal("true", vault.StringAt("properties.enableSoftDelete"));
    }

    [Fact]
    public async Task PublicNetworkAccess_OfVaultAndStorage_FollowsTheParameter()
    {
        var template = await CompiledTemplate.MainAsync();

        foreach (var type in new[] { "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults" })
        {
            var resource = template.Single(type);
            Assert.Equal("[if(parameters('publicNetworkAccess'), 'Enabled', 'Disabled')]", resource.StringAt("properties.publicNetworkAccess"));
            Assert.Equal("[if(parameters('publicNetworkAccess'), 'Allow', 'Deny')]", resource.StringAt("properties.networkAcls.defaultAction"));
        }

        Assert.Equal("[parameters('publicNetworkAccess')]", ModuleParameter(template, "storage", "publicNetworkAccess"));
        Assert.Equal("[parameters('publicNetworkAccess')]", ModuleParameter(template, "vault", "publicNetworkAccess"));
        Assert.Equal("true", template.Root.GetProperty("parameters").GetProperty("publicNetworkAccess").GetProperty("defaultValue").GetRawText());
    }

    [Fact]
    public async Task RoleAssignments_GiveTheAppExactlyTheRolesItNeeds_OnTheirResources()
    {
        var template = await CompiledTemplate.MainAsync();
        var account = template.Single("Microsoft.Storage/storageAccounts");
        var vault = template.Single("Microsoft.KeyVault/vaults");
        var accountScope = $"[resourceId('Microsoft.Storage/storageAccounts', {Unbracket(account.StringAt("name"))})]";
        var vaultScope = $"[resourceId('Microsoft.KeyVault/vaults', {Unbracket(vault.StringAt("name"))})]";

        var assignments = template.AllResources().Where(static r => r.Type == "Microsoft.Authorization/roleAssignments").ToList();
        var toApp = assignments.Where(static a => IsAppIdentity(a.StringAt("properties.principalId")!)).ToList();

        Assert.Equal(
            new[]
            {
                (KeyVaultSecretsUser, vaultScope),
                (StorageBlobDataOwner, accountScope),
                (StorageQueueDataContributor, accountScope),
                (StorageTableDataContributor, accountScope),
            }.Order(),
            toApp.Select(a => (RoleId(a), a.StringAt("scope")!)).Order());
        Assert.All(toApp, static a => Assert.Null(a.Condition));
        Assert.All(toApp, static a => Assert.Equal("ServicePrincipal", a.StringAt("properties.principalType")));

        // The only other assignment: whoever runs azd may put secrets into the vault, and only when azd names them.
        var other = Assert.Single(assignments.Except(toApp));
        Assert.Equal(KeyVaultSecretsOfficer, RoleId(other));
        Assert.Equal(vaultScope, other.StringAt("scope"));
        Assert.Equal("[parameters('operatorPrincipalId')]", other.StringAt("properties.principalId"));
        Assert.Equal("[not(empty(parameters('operatorPrincipalId')))]", other.Condition);
    }

    [Fact]
    public async Task OutputsAndParameterDefaults_CarryNoSecret()
    {
        var template = await CompiledTemplate.MainAsync();

        foreach (var nested in template.AllTemplates())
        {
            if (nested.Root.TryGetProperty("outputs", out var outputs))
            {
                foreach (var output in outputs.EnumerateObject())
                {
                    var text = output.Value.GetRawText();
                    Assert.DoesNotMatch(SecretLikeName(), output.Name);
                    Assert.DoesNotMatch(ListFunction(), text);
                    Assert.DoesNotContain("ConnectionString", text, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("InstrumentationKey", text, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("secure", output.Value.GetProperty("type").GetString()!, StringComparison.OrdinalIgnoreCase);
                }
            }

            foreach (var parameter in nested.Root.GetProperty("parameters").EnumerateObject())
            {
                if (parameter.Value.TryGetProperty("defaultValue", out var defaultValue))
                {
                    AssertNoSecretValue($"parameter {parameter.Name} default", defaultValue);
                }
            }
        }
    }

    [Fact]
    public void ParametersFile_CarriesNoSecretValue()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")));

        foreach (var parameter in parameters.RootElement.GetProperty("parameters").EnumerateObject())
        {
            AssertNoSecretValue($"main.parameters.json {parameter.Name}", parameter.Value);
        }
    }

    [Fact]
    public void SecretDetector_FlagsTokensAndKeys()
    {
        // The check above must be able to fail: a WHM token, a storage key and a password are caught.
        using var samples = JsonDocument.Parse("""["DEMOAPITOKEN00000000000000000001", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc", "password=hunter2"]""");

        Assert.All(samples.RootElement.EnumerateArray(), static s => Assert.ThrowsAny<Exception>(() => AssertNoSecretValue("sample", s)));
    }

    private static void AssertNoSecretValue(string where, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    AssertNoSecretValue($"{where}.{property.Name}", property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    AssertNoSecretValue(where, item);
                }

                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                Assert.False(SecretLikeValue().IsMatch(text), $"{where} looks like a secret value: put secrets in Key Vault and name them.");
                break;
        }
    }

    private static bool IsAppIdentity(string principalId) =>
        principalId is "[reference('appIdentity').principalId]" ||
        principalId.StartsWith("[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('appIdentityName'))", StringComparison.Ordinal);

    private static string RoleId(ArmResource assignment) =>
        assignment.DeclaredIn.Resolve(assignment.StringAt("properties.roleDefinitionId"))!;

    private static string? ModuleParameter(ArmTemplate template, string module, string parameter) =>
        template.AllResources().Single(r => r.Type == "Microsoft.Resources/deployments" && r.SymbolicName == module)
            .At($"properties.parameters.{parameter}.value")?.GetString();

    private static string Unbracket(string? expression) => expression is ['[', .. var inner, ']'] ? inner : $"'{expression}'";

    [GeneratedRegex(@"\blist[A-Za-z]*\(")]
    private static partial Regex ListFunction();

    [GeneratedRegex(@"(?i)(secret|password|token|connectionstring|key(?!_?vault))")]
    private static partial Regex SecretLikeName();

    // Opaque credentials (a cPanel/WHM API token is 32 capitals and digits), keys in connection strings, SAS signatures,
    // passwords and private keys.
    [GeneratedRegex(@"(?i)(^[A-Za-z0-9+/=_\-]{32,}$|AccountKey=|SharedAccessSignature|[?&]sig=|password=|-----BEGIN)")]
    private static partial Regex SecretLikeValue();
}
