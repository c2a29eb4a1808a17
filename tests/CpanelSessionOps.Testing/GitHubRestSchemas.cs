using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace CpanelSessionOps.Testing;

/// <summary>
/// GitHub's published request-body schemas, read from the REST description in the npm package @octokit/openapi
/// (<see cref="NpmTestData"/>; the tests that use it are skipped without it): a request is matched to its operation by
/// method and path, and its body evaluated against the operation's schema.
/// </summary>
public static class GitHubRestSchemas
{
    private const string DescriptionFile = "generated/api.github.com.deref.json";
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 1024 };
    private static readonly Lazy<IReadOnlyList<Operation>> Operations = new(Load);

    /// <summary>Problems with the body (empty when it validates, or when the operation takes no body and none was sent).</summary>
    /// <exception cref="InvalidOperationException">The request matches no operation in GitHub's REST description.</exception>
    public static IReadOnlyList<string> Validate(string method, string path, string body)
    {
        NpmTestData.Require(NpmTestData.OpenApi, DescriptionFile);
        var operation = Operations.Value
            .Where(o => o.Method == method && o.Path.IsMatch(path))
            .OrderByDescending(o => o.LiteralSegments)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"{method} {path} is not an operation in GitHub's REST description ({NpmTestData.OpenApi.Name}).");
        if (operation.Schema.Value is not { } schema)
        {
            return body.Length == 0 ? [] : [$"{operation.Id} takes no body"];
        }

        using var document = JsonDocument.Parse(body);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{operation.Id} {d.InstanceLocation}: {e.Key} {e.Value}"))
                .DefaultIfEmpty($"{operation.Id}: invalid")];
    }

    /// <summary>Every operation of the description, with its JSON request-body schema as text; the big file is read once a run.</summary>
    private static List<Operation> Load()
    {
        using var stream = File.OpenRead(NpmTestData.Require(NpmTestData.OpenApi, DescriptionFile));
        using var document = JsonDocument.Parse(stream, Deep);
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(path.Name), @"\\\{[A-Za-z0-9_-]+}", "[^/]+") + "$");
            var literals = path.Name.Split('/').Count(s => s.Length > 0 && !s.StartsWith('{'));
            foreach (var entry in path.Value.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Object || !entry.Value.TryGetProperty("operationId", out var id))
                {
                    continue;
                }

                var schemaText = entry.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var schema)
                        ? schema.GetRawText()
                        : null;
                var operationId = id.GetString()!;
                operations.Add(new Operation(operationId, entry.Name.ToUpperInvariant(), pattern, literals,
                    new Lazy<JsonSchema?>(() => schemaText is null ? null : Build(operationId, schemaText))));
            }
        }

        return operations;
    }

    /// <summary>
    /// The description is OpenAPI 3.0, whose schemas say <c>nullable: true</c> where JSON Schema lists <c>null</c> among
    /// the types; that is the one difference the bodies meet, so it is rewritten before the schema is built.
    /// </summary>
    private static JsonSchema Build(string operationId, string schemaText)
    {
        var node = JsonNode.Parse(schemaText, documentOptions: Deep)!;
        AllowNullWhereNullable(node);
        return JsonSchema.FromText(node.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() },
            new Uri("https://schemas.cpanel-session-ops.test/" + operationId));
    }

    private static void AllowNullWhereNullable(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                if (schema["nullable"] is JsonValue nullable && nullable.GetValueKind() == JsonValueKind.True)
                {
                    if (schema["type"] is JsonValue type)
                    {
                        schema["type"] = new JsonArray(type.GetValue<string>(), "null");
                    }

                    if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
                    {
                        values.Add(null);
                    }
                }

                foreach (var (_, child) in schema.ToList())
                {
                    AllowNullWhereNullable(child);
                }

                break;
            case JsonArray items:
                foreach (var child in items.ToList())
                {
                    AllowNullWhereNullable(child);
                }

                break;
        }
    }

    private sealed record Operation(string Id, string Method, Regex Path, int LiteralSegments, Lazy<JsonSchema?> Schema);
}
