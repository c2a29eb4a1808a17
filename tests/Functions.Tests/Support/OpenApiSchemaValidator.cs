using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CpanelSessionOps.Functions.Tests.Support;

/// <summary>
/// Validates a JSON value against an OpenAPI 3.0 schema of functions/openapi.json, for the subset the document uses:
/// <c>$ref</c> (to <c>#/components/schemas/</c>), <c>type</c>, <c>nullable</c>, <c>required</c>, <c>properties</c>,
/// <c>additionalProperties</c>, <c>items</c>, <c>enum</c>, <c>minLength</c>, <c>maxLength</c>, <c>pattern</c>, <c>anyOf</c> and the
/// formats <c>email</c>, <c>date-time</c>, <c>ipv4</c> and <c>ipv6</c>. A keyword it does not know fails the validation, so the
/// document cannot grow past what is checked.
/// </summary>
public sealed class OpenApiSchemaValidator(JsonElement document)
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "$ref", "type", "nullable", "required", "properties", "additionalProperties", "items", "enum", "minLength", "maxLength", "pattern",
        "anyOf", "format", "description", "example",
    };

    /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each with its JSON path; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement schema, JsonElement value, string path = "$")
    {
        var errors = new List<string>();
        Check(schema, value, path, errors);
        return errors;
    }

    public JsonElement Schema(string name) => document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject().Where(k => !Known.Contains(k.Name) && !k.Name.StartsWith("x-", StringComparison.Ordinal)))
        {
            errors.Add($"{path}: the schema uses '{keyword.Name}', which this validator does not check");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            const string Prefix = "#/components/schemas/";
            var target = reference.GetString()!;
            if (!target.StartsWith(Prefix, StringComparison.Ordinal))
            {
                errors.Add($"{path}: unsupported $ref {target}");
                return;
            }

            Check(Schema(target[Prefix.Length..]), value, path, errors);
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean()))
            {
                errors.Add($"{path}: null is not allowed");
            }

            return;
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            errors.Add($"{path}: expected {type.GetString()}, found {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value} is not one of the allowed values");
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            CheckString(schema, value.GetString()!, path, errors);
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value, path, errors);
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{index++}]", errors);
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(alternative => Validate(alternative, value, path).Count == 0))
        {
            errors.Add($"{path}: matches none of the anyOf alternatives");
        }
    }

    private static void CheckString(JsonElement schema, string text, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minLength", out var min) && text.Length < min.GetInt32())
        {
            errors.Add($"{path}: shorter than {min.GetInt32()} characters");
        }

        if (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32())
        {
            errors.Add($"{path}: longer than {max.GetInt32()} characters");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: does not match {pattern.GetString()}");
        }

        if (schema.TryGetProperty("format", out var format) && !HasFormat(text, format.GetString()!))
        {
            errors.Add($"{path}: is not a valid {format.GetString()}");
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
            {
                errors.Add($"{path}: '{name}' is required");
            }
        }

        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, $"{path}.{property.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: '{property.Name}' is not allowed");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, property.Value, $"{path}.{property.Name}", errors);
                }
            }
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => false,
    };

    private static bool HasFormat(string text, string format) => format switch
    {
        "email" => text.Count(c => c == '@') == 1 && text.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < text.Length - 1,
        "date-time" => Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.None, TimeSpan.FromSeconds(1)) &&
                       DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "ipv4" => Regex.IsMatch(text, @"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$", RegexOptions.None, TimeSpan.FromSeconds(1)),
        "ipv6" => text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal) &&
                  IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6,
        _ => false,
    };
}
