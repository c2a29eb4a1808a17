using System.Text.Json;
using System.Text.RegularExpressions;

namespace CpanelSessionOps.Infra.Tests.Support;

/// <summary>One resource of a compiled template, with the (possibly nested) template that declares it.</summary>
internal sealed record ArmResource(string SymbolicName, JsonElement Element, ArmTemplate DeclaredIn)
{
    public string Type => Element.GetProperty("type").GetString()!;

    public bool IsExisting => Element.TryGetProperty("existing", out var existing) && existing.GetBoolean();

    public string? Condition => Element.TryGetProperty("condition", out var condition) ? condition.GetString() : null;

    public JsonElement Properties => Element.GetProperty("properties");

    /// <summary>A string at a dotted path under the resource, e.g. <c>properties.siteConfig.ftpsState</c>.</summary>
    public string? StringAt(string path) => At(path)?.ValueKind == JsonValueKind.String ? At(path)!.Value.GetString() : At(path)?.GetRawText();

    /// <summary>The element at a dotted path, or null.</summary>
    public JsonElement? At(string path)
    {
        var current = Element;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current;
    }
}

/// <summary>A compiled ARM template, walked through its nested deployments (one per Bicep module).</summary>
internal sealed partial class ArmTemplate(JsonElement root)
{
    public JsonElement Root { get; } = root;

    /// <summary>This template's resources and those of every nested deployment, depth first.</summary>
    public IEnumerable<ArmResource> AllResources()
    {
        foreach (var resource in OwnResources())
        {
            yield return resource;
            if (resource.Type == "Microsoft.Resources/deployments" && resource.At("properties.template") is { } nested)
            {
                foreach (var inner in new ArmTemplate(nested).AllResources())
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Every template: this one and every nested one.</summary>
    public IEnumerable<ArmTemplate> AllTemplates() =>
        new[] { this }.Concat(OwnResources()
            .Where(static r => r.Type == "Microsoft.Resources/deployments" && r.At("properties.template") is not null)
            .SelectMany(static r => new ArmTemplate(r.At("properties.template")!.Value).AllTemplates()));

    /// <summary>The resources declared directly here (an array, or an object by symbolic name in language version 2.0).</summary>
    public IEnumerable<ArmResource> OwnResources()
    {
        var resources = Root.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray().Select((r, i) => new ArmResource(i.ToString(System.Globalization.CultureInfo.InvariantCulture), r, this))
            : resources.EnumerateObject().Select(p => new ArmResource(p.Name, p.Value, this));
    }

    /// <summary>The single resource of <paramref name="type"/> that is created (not <c>existing</c>) anywhere in the template.</summary>
    public ArmResource Single(string type) => Assert.Single(AllResources(), r => r.Type == type && !r.IsExisting);

    /// <summary>Resolves <c>[variables('name')]</c> to the variable's literal value in this template; other values as they are.</summary>
    public string? Resolve(string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        var match = VariableReference().Match(expression);
        return match.Success && Root.TryGetProperty("variables", out var variables) && variables.TryGetProperty(match.Groups[1].Value, out var value)
            ? value.GetString()
            : expression;
    }

    [GeneratedRegex(@"variables\('([A-Za-z0-9_]+)'\)")]
    private static partial Regex VariableReference();
}
