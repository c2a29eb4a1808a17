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
        JsonSchema.FromFile(RepositoryPaths.TestData("Schemas", "azure.yaml.json"), Options(), new Uri("https://raw.githubusercontent.com/Azure/azure-dev/main/schemas/v1.0/azure.yaml.json")));

    private static readonly Lazy<JsonSchema> DeploymentParametersSchema = new(static () =>
    {
        var options = Options();
        // The ARM schemas are draft-04, which JsonSchema.Net does not name: draft-06 rules under the draft-04 id (they agree
        // for every keyword these files use; the draft-04 "id" is left as an annotation and the base URI given instead).
        options.DialectRegistry.Register(Dialect.Draft06.With([], Draft04, allowUnknownKeywords: true));
        JsonSchema.FromFile(RepositoryPaths.TestData("Schemas", "deploymentTemplate.definitions.json"), options,
            new Uri("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json"));
        return JsonSchema.FromFile(RepositoryPaths.TestData("Schemas", "deploymentParameters.json"), options,
            new Uri("https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json"));
    });

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

    private static BuildOptions Options() => new() { SchemaRegistry = new SchemaRegistry(), DialectRegistry = new DialectRegistry() };

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
