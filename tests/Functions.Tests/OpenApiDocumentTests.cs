using System.Reflection;
using System.Text.Json;
using CpanelSessionOps.Functions.Api;
using CpanelSessionOps.Functions.Tests.Support;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The OpenAPI description in functions/openapi.json against the functions' actual routes, methods and statuses,
/// its examples against its own schemas, and its limits against what the API refuses.</summary>
public sealed class OpenApiDocumentTests
{
    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.json")));

    private static bool AnsweredByThePlatform(JsonElement response) =>
        response.TryGetProperty("x-answered-by", out var by) && by.GetString() == "platform";

    [Fact]
    public void Document_MatchesEveryFunctionsRouteMethodAndStatuses()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.json")));
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (
                Key: $"{operation.Name.ToUpperInvariant()} {path.Name}",
                // What the app answers; the platform's own answers (a missing function key, an unexpected failure) are marked.
                Statuses: operation.Value.GetProperty("responses").EnumerateObject().Where(r => !AnsweredByThePlatform(r.Value))
                    .Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList())))
            .ToDictionary(o => o.Key, o => o.Statuses);

        var actual = typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m =>
            {
                var trigger = m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;
                var statuses = m.GetCustomAttribute<ApiResponsesAttribute>()!.Statuses.Order().ToList();
                return trigger.Methods!.Select(method => (Key: $"{method.ToUpperInvariant()} /api/{trigger.Route}", Statuses: statuses));
            })
            .ToDictionary(o => o.Key, o => o.Statuses);

        Assert.Equal(actual.Keys.Order(), documented.Keys.Order());
        foreach (var (operation, statuses) in actual)
        {
            Assert.True(statuses.SequenceEqual(documented[operation]),
                $"{operation}: functions answer {string.Join(",", statuses)}, the document says {string.Join(",", documented[operation])}");
        }
    }

    [Fact]
    public void Document_SaysWhichEndpointsNeedTheFunctionKey_AsTheTriggersDo()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.json")));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Key: $"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)))
            .ToDictionary(o => o.Key, o => o.Value);

        var triggers = typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!)
            .ToList();
        Assert.Contains(triggers, t => t.AuthLevel == AuthorizationLevel.Anonymous);
        foreach (var trigger in triggers)
        {
            var key = $"{trigger.Methods!.Single().ToUpperInvariant()} /api/{trigger.Route}";
            var alternatives = operations[key].GetProperty("security").EnumerateArray()
                .Select(alternative => alternative.EnumerateObject().Select(p => p.Name).ToHashSet()).ToList();
            var needsKey = trigger.AuthLevel != AuthorizationLevel.Anonymous;
            Assert.True(needsKey
                    ? alternatives.Count > 0 && alternatives.All(a => a.Contains("functionKey") || a.Contains("functionKeyQuery"))
                    : alternatives.All(a => !a.Contains("functionKey") && !a.Contains("functionKeyQuery")),
                $"{key} is {trigger.AuthLevel} but the document's security is [{string.Join(" | ", alternatives.Select(a => string.Join("+", a)))}]");
            if (needsKey)
            {
                // Every header alternative has its ?code= twin, and the other way round.
                Assert.Equal(alternatives.Count(a => a.Contains("functionKey")), alternatives.Count(a => a.Contains("functionKeyQuery")));
            }
        }
    }

    [Fact]
    public void Document_KeyedOperationsDocument401_AndEveryOperationDocuments500()
    {
        using var document = Load();

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var responses = operation.Value.GetProperty("responses");
                var keyed = operation.Value.GetProperty("security").EnumerateArray()
                    .Any(a => a.TryGetProperty("functionKey", out _) || a.TryGetProperty("functionKeyQuery", out _));
                Assert.True(responses.TryGetProperty("500", out _), $"{operation.Name} {path.Name} does not document 500");
                Assert.True(!keyed || responses.TryGetProperty("401", out _), $"{operation.Name} {path.Name} takes the function key but does not document 401");
                if (keyed && responses.GetProperty("401").GetProperty("description").GetString() is { } description)
                {
                    Assert.Contains("x-functions-key", description, StringComparison.Ordinal);
                    Assert.Contains("code", description, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Document_EveryExample_IsValidAgainstItsSchema()
    {
        using var document = Load();
        var validator = new OpenApiSchemaValidator(document.RootElement);
        var checkedExamples = 0;
        var failures = new List<string>();
        void Check(string where, JsonElement schema, JsonElement example)
        {
            checkedExamples++;
            failures.AddRange(validator.Validate(schema, example, where));
        }

        foreach (var schema in document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (schema.Value.TryGetProperty("example", out var example))
            {
                Check("#/components/schemas/" + schema.Name, schema.Value, example);
            }
        }

        var parameters = document.RootElement.GetProperty("components").GetProperty("parameters").EnumerateObject().Select(p => p.Value).ToList();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (operation.Value.TryGetProperty("parameters", out var declared))
                {
                    parameters.AddRange(declared.EnumerateArray());
                }

                var media = new List<(string Where, JsonElement Media)>();
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    media.AddRange(body.GetProperty("content").EnumerateObject().Select(m => ($"{where} request {m.Name}", m.Value)));
                }

                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    if (response.Value.TryGetProperty("content", out var content))
                    {
                        media.AddRange(content.EnumerateObject().Select(m => ($"{where} {response.Name} {m.Name}", m.Value)));
                    }
                }

                foreach (var (at, value) in media.Where(m => m.Media.TryGetProperty("example", out _)))
                {
                    Check(at, value.GetProperty("schema"), value.GetProperty("example"));
                }
            }
        }

        foreach (var parameter in parameters.Where(p => p.TryGetProperty("example", out _)))
        {
            Check("parameter " + parameter.GetProperty("name").GetString(), parameter.GetProperty("schema"), parameter.GetProperty("example"));
        }

        Assert.True(failures.Count == 0, "Examples that break their schemas: " + string.Join(" | ", failures));
        // The request bodies, the 201s, problems, the health answers and the parameters all carry examples.
        Assert.True(checkedExamples >= 15, $"only {checkedExamples} examples were found");
    }

    [Theory]
    [InlineData("WebmailSessionRequest", """{"locale":"de"}""", "'email' is required")]
    [InlineData("WebmailSessionRequest", """{"email":42}""", "expected string")]
    [InlineData("WebmailSessionRequest", """{"email":"alice"}""", "not a valid email")]
    [InlineData("WebmailSessionRequest", """{"email":"alice@example.com","locale":"xx"}""", "not one of the allowed values")]
    [InlineData("WebmailSessionRequest", """{"email":"alice@example.com","remoteAddress":"203.0.113.256"}""", "none of the anyOf")]
    [InlineData("CpanelSessionRequest", """{"user":"Demo"}""", "does not match")]
    [InlineData("CpanelSessionRequest", """{"user":"abcdefghijklmnopq"}""", "longer than 16")]
    [InlineData("Session", """{"loginUrl":"x","form":{},"expiresAt":"tomorrow","server":"web1","correlationId":"c"}""", "not a valid date-time")]
    [InlineData("Problem", """{"type":"urn:cpanel-session-ops:problem:x","title":"t","status":"400","detail":"d","correlationId":"c"}""", "expected integer")]
    [InlineData("HealthSummary", """{"status":"healthy","servers":[]}""", "'servers' is not allowed")]
    [InlineData("HealthSummary", """{"status":null}""", "null is not allowed")]
    public void Validator_ValueTheSchemaForbids_IsReported(string schema, string json, string expected)
    {
        using var document = Load();
        using var value = JsonDocument.Parse(json);

        var errors = new OpenApiSchemaValidator(document.RootElement).Validate(new OpenApiSchemaValidator(document.RootElement).Schema(schema), value.RootElement);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Document_RequestLimitsAndExamples_AreWhatTheApiEnforces()
    {
        using var document = Load();
        var validator = new OpenApiSchemaValidator(document.RootElement);
        var emailMax = validator.Schema("MailboxAddress").GetProperty("maxLength").GetInt32();
        var userSchema = validator.Schema("CpanelSessionRequest").GetProperty("properties").GetProperty("user");
        var userMax = userSchema.GetProperty("maxLength").GetInt32();
        await using var host = await FunctionsHost.StartAsync(new() { ["Policy:CallerLimit"] = "1000", ["Policy:TargetLimit"] = "1000" });

        // Past each documented limit: the document's schema and the API both refuse, naming the same field.
        var refused = new (string Schema, string Path, string Field, string Body)[]
        {
            ("WebmailSessionRequest", "/api/webmail/sessions", "email", Json(new { email = "a@" + Domain(emailMax - 1) })),
            ("WebmailSessionRequest", "/api/webmail/sessions", "locale", Json(new { email = "alice@example.com", locale = "xx" })),
            ("WebmailSessionRequest", "/api/webmail/sessions", "remoteAddress", Json(new { email = "alice@example.com", remoteAddress = "203.0.113.256" })),
            ("WebmailSessionRequest", "/api/webmail/sessions", "remoteAddress", Json(new { email = "alice@example.com", remoteAddress = "fe80::1%eth0" })),
            ("CpanelSessionRequest", "/api/cpanel/sessions", "user", Json(new { user = "a" + new string('b', userMax) })),
            ("CpanelSessionRequest", "/api/cpanel/sessions", "user", Json(new { user = "Demo" })),
            ("CpanelSessionRequest", "/api/cpanel/sessions", "locale", Json(new { user = "demo", locale = "EN" })),
        };
        foreach (var (schema, path, field, body) in refused)
        {
            using var value = JsonDocument.Parse(body);
            Assert.Contains(validator.Validate(validator.Schema(schema), value.RootElement), e => e.StartsWith($"$.{field}", StringComparison.Ordinal));
            var response = await PostAsync(host, path, body);
            Assert.True(response.Status == 400 && response.Json.GetProperty("errors").TryGetProperty(field, out _), $"{path} {body}: {response.Status} {response.Body}");
        }

        // At each documented limit: valid for both (the API may still refuse for another reason, never as invalid).
        foreach (var (schema, path, body) in new[]
                 {
                     ("WebmailSessionRequest", "/api/webmail/sessions", Json(new { email = "a@" + Domain(emailMax - 2) })),
                     ("CpanelSessionRequest", "/api/cpanel/sessions", Json(new { user = "a" + new string('b', userMax - 1) })),
                 })
        {
            using var value = JsonDocument.Parse(body);
            Assert.Empty(validator.Validate(validator.Schema(schema), value.RootElement));
            Assert.NotEqual(400, (await PostAsync(host, path, body)).Status);
        }

        // The documented example bodies mint, and what comes back is valid against the documented 201 schema.
        foreach (var (operation, path) in new[] { ("/api/webmail/sessions", "/api/webmail/sessions"), ("/api/cpanel/sessions", "/api/cpanel/sessions") })
        {
            var post = document.RootElement.GetProperty("paths").GetProperty(operation).GetProperty("post");
            var example = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();
            var response = await PostAsync(host, path, example);
            Assert.True(response.Status == 201, $"{path} {example}: {response.Status} {response.Body}");
            Assert.Empty(validator.Validate(post.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("schema"), response.Json));
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>A syntactically valid domain name of exactly <paramref name="length"/> characters (labels of at most 63).</summary>
    private static string Domain(int length)
    {
        var labels = new List<string>();
        var remaining = length - ".com".Length;
        while (remaining > 0)
        {
            var size = Math.Min(63, remaining - (labels.Count > 0 ? 1 : 0));
            if (remaining - size - (labels.Count > 0 ? 1 : 0) is > 0 and < 2)
            {
                size -= 2;
            }

            labels.Add(new string((char)('b' + labels.Count), size));
            remaining -= size + (labels.Count > 1 ? 1 : 0);
        }

        return string.Join('.', labels) + ".com";
    }

    private static async Task<FunctionResponse> PostAsync(FunctionsHost host, string path, string body)
    {
        var request = host.Request("POST", path, body);
        var result = path == "/api/cpanel/sessions"
            ? await host.Function<CpanelSessionsFunction>().RunAsync(request, CancellationToken.None)
            : await host.Function<WebmailSessionsFunction>().RunAsync(request, CancellationToken.None);
        return await FunctionsHost.ExecuteAsync(request, result);
    }
}
