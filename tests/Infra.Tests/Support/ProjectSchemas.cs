using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace CpanelSessionOps.Infra.Tests.Support;

/// <summary>
/// The project's own JSON schemas for azd's <c>azure.yaml</c> and ARM parameters files, written from the documentation
/// cited in <c>TestData/Schemas/README.md</c>, and a YAML-to-JSON reader for validating <c>azure.yaml</c>.
/// </summary>
internal static class ProjectSchemas
{
    private static readonly Lazy<JsonSchema> AzureYamlSchema = new(static () => Load("azure-yaml.schema.json"));

    private static readonly Lazy<JsonSchema> DeploymentParametersSchema = new(static () => Load("deployment-parameters.schema.json"));

    /// <summary>Our schema for azd's azure.yaml.</summary>
    public static JsonSchema AzureYaml => AzureYamlSchema.Value;

    /// <summary>Our schema for an ARM JSON parameters file.</summary>
    public static JsonSchema DeploymentParameters => DeploymentParametersSchema.Value;

    /// <summary>Evaluates <paramref name="instance"/> and returns the errors, each with its location; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var details = results.Details ?? [];
        var messages = details.Where(static d => d.Errors is { Count: > 0 })
            .SelectMany(static d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")).ToList();
        // Some keywords (oneOf matching both branches) fail without a message: name the failing places instead.
        return messages.Count > 0
            ? messages
            : details.Where(static d => !d.IsValid).Select(static d => $"{d.InstanceLocation} ({d.EvaluationPath}): invalid").DefaultIfEmpty("invalid").ToList();
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

    private static JsonSchema Load(string file) =>
        JsonSchema.FromFile(RepositoryPaths.TestData("Schemas", file), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

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
