using System.Reflection;
using System.Reflection.Emit;
using CpanelSessionOps.Links;

namespace CpanelSessionOps.Core.Tests.DependencyInjection;

/// <summary>
/// Core's capability namespaces depend one way (docs/architecture.md, "Core namespaces and dependencies"): no cycle such as
/// Links ⇄ Checks. Dependencies are read from the compiled assembly: signatures, base types and every type, method and
/// field the IL refers to, so a fully qualified name in a method body counts as much as a using directive.
/// </summary>
public sealed class NamespaceDependencyTests
{
    private static readonly Assembly Core = typeof(LinkMintingService).Assembly;

    [Fact]
    public void CoreNamespaces_HaveNoDependencyCycle()
    {
        var graph = Graph();

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, "Namespace cycle: " + string.Join(" → ", cycle ?? []));
    }

    [Theory]
    [InlineData("Links", "Checks")]
    [InlineData("Policy", "Links")]
    [InlineData("Audit", "Links")]
    [InlineData("Cpanel", "Fleet")]
    [InlineData("Credentials", "Fleet")]
    public void CoreNamespaces_LowerLayer_DoesNotDependOnHigherLayer(string from, string to)
    {
        var graph = Graph();

        Assert.DoesNotContain(to, graph.GetValueOrDefault(from) ?? []);
    }

    [Fact]
    public void CoreNamespaces_TheGraphIsRead_LinksDependsOnPolicyAuditAndFleet()
    {
        var links = Graph()["Links"];

        Assert.Superset(new HashSet<string> { "Policy", "Audit", "Fleet", "Cpanel" }, links);
    }

    /// <summary>Capability (the namespace under CpanelSessionOps, .Internal folded in) → capabilities it uses. The root
    /// namespace (shared vocabulary) and the DI composition namespace are not capabilities.</summary>
    private static Dictionary<string, HashSet<string>> Graph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var type in Core.GetTypes())
        {
            if (Capability(type) is not { } from)
            {
                continue;
            }

            var edges = graph.TryGetValue(from, out var set) ? set : graph[from] = [];
            foreach (var used in Referenced(type))
            {
                if (Capability(used) is { } to && to != from)
                {
                    edges.Add(to);
                }
            }
        }

        return graph;
    }

    private static string? Capability(Type type)
    {
        while (type.IsNested)
        {
            type = type.DeclaringType!;
        }

        if (type.Assembly != Core || type.Namespace is not { } ns || !ns.StartsWith("CpanelSessionOps.", StringComparison.Ordinal))
        {
            return null;
        }

        return ns["CpanelSessionOps.".Length..].Split('.')[0];
    }

    private static List<Type> Referenced(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            found.Add(t);
            if (t.IsGenericType)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var field in type.GetFields(All))
        {
            Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(All))
        {
            Add(property.PropertyType);
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var member in IlReferences(method))
            {
                Add(member as Type ?? member.DeclaringType);
                switch (member)
                {
                    case FieldInfo f:
                        Add(f.FieldType);
                        break;
                    case MethodInfo m:
                        Add(m.ReturnType);
                        break;
                }
            }
        }

        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static IEnumerable<MemberInfo> IlReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    MemberInfo? member = null;
                    try
                    {
                        member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        // A token of a generic context we cannot supply: its declaring type is still in a signature.
                    }

                    if (member is not null)
                    {
                        yield return member;
                    }

                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(n => n != next), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
