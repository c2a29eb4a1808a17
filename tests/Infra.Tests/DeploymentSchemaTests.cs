using System.Text.Json;
using CpanelSessionOps.Infra.Tests.Support;

namespace CpanelSessionOps.Infra.Tests;

/// <summary>azure.yaml and the parameters files validate against our schemas (written from azd's and ARM's docs), and say what azd needs.</summary>
public sealed class DeploymentSchemaTests
{
    private static readonly string AzureYamlPath = Path.Combine(RepositoryPaths.Root, "azure.yaml");

    [Fact]
    public void AzureYaml_MatchesOurSchemaOfAzdsReference()
    {
        var azureYaml = ProjectSchemas.ReadYaml(File.ReadAllText(AzureYamlPath));

        Assert.Empty(ProjectSchemas.Errors(ProjectSchemas.AzureYaml, azureYaml));
    }

    [Fact]
    public void AzureYaml_DeploysTheFunctionsProjectToTheProvisionedApp()
    {
        var azureYaml = ProjectSchemas.ReadYaml(File.ReadAllText(AzureYamlPath));
        var functions = azureYaml.GetProperty("services").GetProperty("functions");

        Assert.Equal("function", functions.GetProperty("host").GetString());
        Assert.Equal("dotnet", functions.GetProperty("language").GetString());
        Assert.Equal("./functions", functions.GetProperty("project").GetString());
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "functions", "CpanelSessionOps.Functions.csproj")));
        Assert.Equal("bicep", azureYaml.GetProperty("infra").GetProperty("provider").GetString());
        var infra = Path.Combine(RepositoryPaths.Root, azureYaml.GetProperty("infra").GetProperty("path").GetString()!);
        var module = azureYaml.GetProperty("infra").GetProperty("module").GetString()!;
        Assert.True(File.Exists(Path.Combine(infra, module + ".bicep")));
        Assert.True(File.Exists(Path.Combine(infra, module + ".parameters.json")));
    }

    [Fact]
    public void AzdSchema_RefusesAServiceWithoutHost()
    {
        // The check above can fail: a service azd could not deploy is reported.
        var broken = ProjectSchemas.ReadYaml("name: cpanel-session-ops\nservices:\n  functions:\n    project: ./functions\n");

        Assert.NotEmpty(ProjectSchemas.Errors(ProjectSchemas.AzureYaml, broken));
    }

    [Theory]
    [InlineData("host: functions", "/services/functions/host")] // not a host azd knows
    [InlineData("host: function\n    language: dotnt", "/services/functions/language")]
    [InlineData("host: function\nservice: {}", "/service")] // a misspelt top-level key
    [InlineData("host: function\ninfra:\n  provider: arm", "/infra/provider")]
    public void AzdSchema_RefusesWhatAzdDoesNotDocument(string tail, string location)
    {
        var broken = ProjectSchemas.ReadYaml("name: cpanel-session-ops\nservices:\n  functions:\n    project: ./functions\n    " + tail + "\n");

        Assert.Contains(ProjectSchemas.Errors(ProjectSchemas.AzureYaml, broken), e => e.StartsWith(location + " (", StringComparison.Ordinal));
    }

    [Fact]
    public void AzdSchema_RefusesAnAppNameAzdWouldReject()
    {
        var broken = ProjectSchemas.ReadYaml("name: CpanelSessionOps\nservices:\n  functions:\n    project: ./functions\n    host: function\n");

        Assert.Contains(ProjectSchemas.Errors(ProjectSchemas.AzureYaml, broken), static e => e.StartsWith("/name (", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("infra/main.parameters.json")]
    [InlineData("tests/Infra.Tests/TestData/all-options.parameters.json")]
    public void ParametersFile_MatchesOurSchemaOfArmsParametersFile(string file)
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)));

        Assert.Empty(ProjectSchemas.Errors(ProjectSchemas.DeploymentParameters, parameters.RootElement));
    }

    [Fact]
    public void ArmSchema_RefusesAParameterWithoutValue()
    {
        using var broken = JsonDocument.Parse("""
            { "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0",
              "parameters": { "location": { "valu": "${AZURE_LOCATION}" } } }
            """);

        Assert.NotEmpty(ProjectSchemas.Errors(ProjectSchemas.DeploymentParameters, broken.RootElement));
    }

    [Theory]
    [InlineData("""{ "$schema": "s", "contentVersion": "1.0", "parameters": {} }""", "/contentVersion")]
    [InlineData("""{ "$schema": "s", "parameters": {} }""", "")] // contentVersion missing
    [InlineData("""{ "$schema": "s", "contentVersion": "1.0.0.0", "parameters": {}, "parameter": {} }""", "/parameter")]
    [InlineData("""{ "$schema": "s", "contentVersion": "1.0.0.0", "parameters": { "p": { "value": 1, "reference": { "keyVault": { "id": "v" }, "secretName": "n" } } } }""", "/parameters/p")]
    [InlineData("""{ "$schema": "s", "contentVersion": "1.0.0.0", "parameters": { "p": { "reference": { "keyVault": { "id": "v" } } } } }""", "/parameters/p/reference")]
    public void ArmSchema_RefusesWhatTheParametersFileFormatDoesNotAllow(string json, string location)
    {
        using var broken = JsonDocument.Parse(json);

        Assert.Contains(ProjectSchemas.Errors(ProjectSchemas.DeploymentParameters, broken.RootElement), e => e.StartsWith(location + " (", StringComparison.Ordinal));
    }

    [Fact]
    public void ArmSchema_AcceptsAKeyVaultReference()
    {
        // The schema is not just strict: the documented alternative to a value passes.
        using var parameters = JsonDocument.Parse("""
            { "$schema": "s", "contentVersion": "1.0.0.0",
              "parameters": { "p": { "reference": { "keyVault": { "id": "/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/z" }, "secretName": "n" } } } }
            """);

        Assert.Empty(ProjectSchemas.Errors(ProjectSchemas.DeploymentParameters, parameters.RootElement));
    }

    [Fact]
    public void ParametersFile_TakesAzdsEnvironmentAndNamesEveryTemplateParameterItSets()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")));
        var values = parameters.RootElement.GetProperty("parameters");

        Assert.Equal("${AZURE_ENV_NAME}", values.GetProperty("environmentName").GetProperty("value").GetString());
        Assert.Equal("${AZURE_LOCATION}", values.GetProperty("location").GetProperty("value").GetString());
        Assert.Equal("${AZURE_PRINCIPAL_ID}", values.GetProperty("principalId").GetProperty("value").GetString());
    }

    [Fact]
    public async Task ParametersFile_SetsOnlyParametersTheTemplateDeclares_AndEveryRequiredOne()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")));
        var declared = (await CompiledTemplate.MainAsync()).Root.GetProperty("parameters").EnumerateObject().ToList();
        var set = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(static p => p.Name).ToList();

        Assert.Empty(set.Except(declared.Select(static p => p.Name)));
        Assert.Empty(declared.Where(static p => !p.Value.TryGetProperty("defaultValue", out _) && !(p.Value.TryGetProperty("nullable", out var n) && n.GetBoolean()))
            .Select(static p => p.Name).Except(set));
    }
}
