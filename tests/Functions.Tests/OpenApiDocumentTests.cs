using System.Reflection;
using System.Text.Json;
using CpanelSessionOps.Functions.Api;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The OpenAPI description in functions/openapi.json against the functions' actual routes, methods and statuses.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public void Document_MatchesEveryFunctionsRouteMethodAndStatuses()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.json")));
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (
                Key: $"{operation.Name.ToUpperInvariant()} {path.Name}",
                Statuses: operation.Value.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList())))
            .ToDictionary(o => o.Key, o => o.Statuses);

        var actual = typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && IsHttpTriggered(m))
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
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && IsHttpTriggered(m))
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

    /// <summary>HTTP functions are the API; the queue-triggered chat work has no route.</summary>
    private static bool IsHttpTriggered(MethodInfo function) => function.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null);
}
