using System.Reflection;
using System.Text.Json;
using CpanelSessionOps.Functions;
using CpanelSessionOps.Infra.Tests.Support;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Infra.Tests;

/// <summary>The optional modules: App Service Authentication in front of the launch endpoint, and GitHub OIDC.</summary>
public sealed class OptionalModulesTests
{
    private const string LaunchRoute = "webmail/launch";

    [Fact]
    public async Task AppServiceAuthentication_IsOffUnlessAClientIdIsGiven_AndThenTheAppTrustsIt()
    {
        var template = await CompiledTemplate.MainAsync();

        Assert.Equal("[not(empty(parameters('authClientId')))]", Module(template, "authentication").Condition);
        Assert.Equal("[not(empty(parameters('authClientId')))]", Module(template, "functionApp").At("properties.parameters.trustAppServiceAuthentication.value")?.GetString());
        Assert.Equal("", template.Root.GetProperty("parameters").GetProperty("authClientId").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public async Task AppServiceAuthentication_SignsInOnlyForTheLaunchEndpoint()
    {
        var auth = (await CompiledTemplate.MainAsync()).Single("Microsoft.Web/sites/config");
        var prefix = "/" + HostRoutePrefix() + "/";
        var everyOtherEndpoint = HttpRoutes().Where(static r => r != LaunchRoute).Select(r => prefix + r).Order().ToList();

        Assert.EndsWith("'authsettingsV2')]", auth.StringAt("name"), StringComparison.Ordinal);
        Assert.Contains(LaunchRoute, HttpRoutes());
        Assert.Equal("true", auth.StringAt("properties.platform.enabled"));
        Assert.Equal("true", auth.StringAt("properties.globalValidation.requireAuthentication"));
        Assert.Equal("RedirectToLoginPage", auth.StringAt("properties.globalValidation.unauthenticatedClientAction"));
        Assert.Equal("true", auth.StringAt("properties.httpSettings.requireHttps"));
        Assert.Equal("true", auth.StringAt("properties.identityProviders.azureActiveDirectory.enabled"));
        // Every endpoint but the launch one is excluded: portals, webhooks and the health probe cannot sign in.
        // A new endpoint fails here until the template says whether browsers sign in to it.
        Assert.Equal(everyOtherEndpoint,
            auth.At("properties.globalValidation.excludedPaths")!.Value.EnumerateArray().Select(static p => p.GetString()!).Order().ToList());
    }

    [Fact]
    public async Task AppServiceAuthentication_ReadsItsClientSecretFromTheVault_NeverFromAParameter()
    {
        var template = await CompiledTemplate.MainAsync();
        var auth = template.Single("Microsoft.Web/sites/config");

        Assert.Equal("[if(parameters('useClientSecret'), variables('authenticationSecretSettingName'), null())]",
            auth.StringAt("properties.identityProviders.azureActiveDirectory.registration.clientSecretSettingName"));
        Assert.Null(auth.At("properties.identityProviders.azureActiveDirectory.registration.clientSecret"));
        // The setting it names is a Key Vault reference, resolved by the app's identity.
        Assert.Equal("[parameters('identityId')]", template.Single("Microsoft.Web/sites").StringAt("properties.keyVaultReferenceIdentity"));
    }

    [Fact]
    public async Task GitHubOidc_IsOffUnlessASubjectIsGiven_AndTrustsOnlyGitHubActionsForTheAppIdentity()
    {
        var template = await CompiledTemplate.MainAsync();
        var credential = template.Single("Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials");

        Assert.Equal("[not(empty(parameters('githubOidcSubject')))]", Module(template, "githubOidc").Condition);
        Assert.Equal("[variables('identityName')]", Module(template, "githubOidc").At("properties.parameters.identityName.value")?.GetString());
        Assert.Equal("[format('{0}/{1}', parameters('identityName'), 'github-actions')]", credential.StringAt("name"));
        Assert.Equal("https://token.actions.githubusercontent.com", credential.StringAt("properties.issuer"));
        Assert.Equal(["api://AzureADTokenExchange"], credential.At("properties.audiences")!.Value.EnumerateArray().Select(static a => a.GetString()));
        Assert.Equal("[parameters('subject')]", credential.StringAt("properties.subject"));
    }

    private static ArmResource Module(ArmTemplate template, string name) =>
        template.AllResources().Single(r => r.Type == "Microsoft.Resources/deployments" && r.SymbolicName == name);

    /// <summary>The routes of the app's HTTP functions, from their <see cref="HttpTriggerAttribute"/>s.</summary>
    private static List<string> HttpRoutes() =>
        typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(static t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(static m => m.GetParameters())
            .Select(static p => p.GetCustomAttribute<HttpTriggerAttribute>()?.Route)
            .OfType<string>()
            .ToList();

    private static string HostRoutePrefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        return host.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("http", out var http) &&
               http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString()!
            : "api";
    }
}
