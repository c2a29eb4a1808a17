using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CpanelSessionOps.Emulator.Tests.Support;

/// <summary>
/// Validates UAPI bodies against the structure of cPanel's OpenAPI description (carried in <c>Schemas/</c>).
/// Success bodies are checked against the schema as it is; failure bodies with <c>result.data</c> also allowed to be null.
/// </summary>
internal static class UapiSchemas
{
    private static readonly ConcurrentDictionary<(string, bool), JsonSchema> Cache = new();

    public static void AssertValid(string function, JsonElement body)
    {
        var failed = body.GetProperty("result").GetProperty("status").GetInt32() == 0;
        var schema = Cache.GetOrAdd((function, failed), key => Load(key.Item1, key.Item2));
        var results = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, $"{function} body does not match cPanel's schema: " + JsonSerializer.Serialize(results));
    }

    private static JsonSchema Load(string function, bool allowNullData)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", function + ".json")))!;
        if (allowNullData)
        {
            node["properties"]!["result"]!["properties"]!["data"]!["type"] = new JsonArray("object", "null");
        }

        return JsonSchema.FromText(node.ToJsonString(), baseUri: new Uri($"https://schemas.test/{function}/{(allowNullData ? "failure" : "success")}"));
    }
}
