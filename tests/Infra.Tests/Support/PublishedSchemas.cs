using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace CpanelSessionOps.Infra.Tests.Support;

/// <summary>
/// The published JSON schemas for azd's <c>azure.yaml</c> and ARM parameters files, carried in <c>TestData/Schemas</c>
/// (sources in its README), and a YAML-to-JSON reader for validating <c>azure.yaml</c>.
/// </summary>
internal static class PublishedSchemas
{
    private static readonly Uri Draft04 = new("http://json-schema.org/draft-04/schema#");

    private static readonly Lazy<JsonSchema> AzureYamlSchema = new(static () =>
    {
        var options = Options();
        // The extension schemas azure.yaml.json refers to for AI hosts, each under the address it is published at.
        var extensions = new Dictionary<string, string>
        {
            ["azure.ai.agent.json"] = "azure.ai.agents",
            ["microsoft.foundry.json"] = "azure.ai.agents",
            ["azure.ai.connection.json"] = "azure.ai.connections",
            ["azure.ai.project.json"] = "azure.ai.projects",
            ["azure.ai.routine.json"] = "azure.ai.routines",
            ["azure.ai.skill.json"] = "azure.ai.skills",
            ["azure.ai.toolbox.json"] = "azure.ai.toolboxes",
        };
        foreach (var (file, extension) in extensions)
        {
            JsonSchema.FromFile(RepositoryPaths.TestData("Schemas", "azd-extensions", file), options,
                new Uri($"https://raw.githubusercontent.com/Azure/azure-dev/main/cli/azd/extensions/{extension}/schemas/{file}"));
        }

        return JsonSchema.FromFile(RepositoryPaths.TestData("Schemas", "azure.yaml.json"), options,
            new Uri("https://raw.githubusercontent.com/Azure/azure-dev/main/schemas/v1.0/azure.yaml.json"));
    });

    private static readonly Lazy<JsonSchema> DeploymentParametersSchema = new(static () =>
    {
        var options = Options();
        Draft04AsDraft06("deploymentTemplate.definitions.json", options);
        return Draft04AsDraft06("deploymentParameters.json", options);
    });

    private static readonly Lazy<JsonSchema> BicepConfigSchema = new(static () =>
    {
        // Written for VS Code, the schema carries editor keywords ($comment1..., enumDescriptions) that draft-07 leaves to
        // annotations: draft-07 with unknown keywords allowed.
        var schema = JsonNode.Parse(File.ReadAllText(RepositoryPaths.TestData("Schemas", "bicepconfig.schema.json")))!.AsObject();
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)schema["$schema"]);
        schema.Remove("$schema");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07.With([], allowUnknownKeywords: true) };
        return JsonSchema.FromText(schema.ToJsonString(), options, new Uri("https://schemas.test/bicepconfig.schema.json"));
    });

    /// <summary>The bicepconfig.json schema of the Bicep repository (its VS Code extension's).</summary>
    public static JsonSchema BicepConfig => BicepConfigSchema.Value;

    /// <summary>Every linter rule that schema knows.</summary>
    public static IReadOnlyList<string> BicepLinterRules
    {
        get
        {
            using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.TestData("Schemas", "bicepconfig.schema.json")));
            return schema.RootElement.GetProperty("properties").GetProperty("analyzers").GetProperty("properties").GetProperty("core")
                .GetProperty("properties").GetProperty("rules").GetProperty("properties").EnumerateObject().Select(static r => r.Name).ToList();
        }
    }

    /// <summary>azd's azure.yaml schema (v1.0).</summary>
    public static JsonSchema AzureYaml => AzureYamlSchema.Value;

    /// <summary>ARM's deployment parameters file schema (2019-04-01).</summary>
    public static JsonSchema DeploymentParameters => DeploymentParametersSchema.Value;

    /// <summary>Evaluates <paramref name="instance"/> and returns the errors, each with its location; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : (results.Details ?? []).Where(static d => d.Errors is { Count: > 0 })
                .SelectMany(static d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")).DefaultIfEmpty("invalid").ToList();
    }

    /// <summary>Reads a YAML document as the JSON it stands for (plain true/false/numbers/null typed, the rest strings).</summary>
    public static JsonElement ReadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var node = ToJson(stream.Documents.Single().RootNode);
        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Builds one of the ARM schemas, which are draft-04 (JsonSchema.Net starts at draft-06): its root <c>id</c> is read as
    /// draft-06's <c>$id</c> and draft-06 rules apply, which agree with draft-04 for every keyword these files use
    /// (type, properties, additionalProperties, required, pattern, minLength, oneOf, $ref). The carried file stays verbatim.
    /// </summary>
    private static JsonSchema Draft04AsDraft06(string file, BuildOptions options)
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepositoryPaths.TestData("Schemas", file)))!.AsObject();
        Assert.Equal(Draft04.OriginalString, (string?)schema["$schema"]);
        var id = (string)schema["id"]!;
        schema.Remove("id");
        schema["$id"] = id;
        schema["$schema"] = "http://json-schema.org/draft-06/schema#";
        return JsonSchema.FromText(schema.ToJsonString(), options, new Uri(id));
    }

    private static BuildOptions Options() => new() { SchemaRegistry = new SchemaRegistry() };

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(static c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => scalar.Value switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" or null => null,
            var v when long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            var v when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            var v => JsonValue.Create(v),
        },
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
    };
}
