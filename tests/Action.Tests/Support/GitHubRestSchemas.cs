using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace CpanelSessionOps.Action.Tests.Support;

/// <summary>
/// GitHub's published request-body schemas for the operations we send (TestData/github-rest-operations.json, extracted
/// from github/rest-api-description): a request is matched to its operation by method and path, and its body evaluated.
/// </summary>
public static class GitHubRestSchemas
{
    private static readonly Lazy<IReadOnlyList<Operation>> Operations = new(Load);

    /// <summary>The operation id of a request, e.g. <c>checks/create</c>; null when no carried operation matches.</summary>
    public static string? OperationOf(string method, string path) =>
        Operations.Value.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path))?.Id;

    /// <summary>Problems with the body (empty when it validates, or when the operation takes no body).</summary>
    /// <exception cref="InvalidOperationException">The request matches no carried operation: the Action sent something
    /// this file does not describe, so add the operation from GitHub's description.</exception>
    public static IReadOnlyList<string> Validate(string method, string path, string body)
    {
        var operation = Operations.Value.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path))
            ?? throw new InvalidOperationException($"{method} {path} is not one of the operations carried in github-rest-operations.json.");
        if (operation.Schema is null)
        {
            return body.Length == 0 ? [] : [$"{operation.Id} takes no body"];
        }

        using var document = JsonDocument.Parse(body);
        var results = operation.Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{operation.Id} {d.InstanceLocation}: {e.Key} {e.Value}"))
                .DefaultIfEmpty($"{operation.Id}: invalid")];
    }

    private static List<Operation> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "github-rest-operations.json")));
        var registry = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var operations = new List<Operation>();
        foreach (var operation in document.RootElement.GetProperty("operations").EnumerateObject())
        {
            var path = "^" + Regex.Replace(Regex.Escape(operation.Value.GetProperty("path").GetString()!), @"\\\{[a-z_]+}", "[^/]+") + "$";
            var schema = operation.Value.GetProperty("schema") is { ValueKind: JsonValueKind.Object } text
                ? JsonSchema.FromText(text.GetRawText(), registry, new Uri("https://schemas.cpanel-session-ops.test/" + operation.Name))
                : null;
            operations.Add(new Operation(operation.Name, operation.Value.GetProperty("method").GetString()!, new Regex(path), schema));
        }

        return operations;
    }

    private sealed record Operation(string Id, string Method, Regex Path, JsonSchema? Schema);
}
