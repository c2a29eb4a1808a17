using System.Collections;
using System.Reflection;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>
/// The configuration binder adds to a collection it finds already filled, so a default in an initialiser silently
/// survives configuration (<c>Kinds: ["Cpanel"]</c> became Webmail + Cpanel). Every class bound from configuration
/// starts its collections empty and applies defaults after binding.
/// </summary>
public sealed class BoundOptionsDefaultsTests
{
    private static readonly Type[] Bound =
    [
        typeof(CpanelSessionOps.Policy.MintPolicyOptions), typeof(CpanelSessionOps.Policy.MintPolicyRule), typeof(CpanelSessionOps.Fleet.FleetOptions),
        typeof(CpanelSessionOps.Fleet.FleetServerOptions), typeof(CpanelSessionOps.Fleet.DomainRouteOptions), typeof(CpanelSessionOps.Credentials.SecretStoreOptions),
        typeof(CpanelSessionOps.Audit.AuditOptions), typeof(CpanelSessionOps.Cpanel.CpanelClientOptions), typeof(ChatOps.ChatOpsOptions),
        typeof(CpanelSessionOps.AspNetCore.ApiOptions), typeof(CpanelSessionOps.AspNetCore.ApiKeyOptions), typeof(CpanelSessionOps.SharedState.SharedStateOptions),
        typeof(ChatOps.BackgroundWork.BackgroundWorkOptions),
    ];

    public static TheoryData<Type> BoundTypes() => [.. Bound];

    [Fact]
    public void BoundTypes_CoverEveryOptionsClassOfCoreAndTheFunctionsApp()
    {
        var options = new[] { typeof(CpanelSessionOps.Links.LinkMintingService).Assembly, typeof(FunctionsServiceCollectionExtensions).Assembly }
            .SelectMany(a => a.GetTypes()).Where(t => t.IsPublic && t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal)).ToList();
        var covered = Bound.ToHashSet();

        // DeployCheckOptions is built in code per run, never bound from configuration.
        Assert.All(options.Where(t => t != typeof(CpanelSessionOps.Checks.DeployCheckOptions)), t => Assert.Contains(t, covered));
    }

    [Theory]
    [MemberData(nameof(BoundTypes))]
    public void NewInstance_EveryCollectionStartsEmpty(Type type)
    {
        var instance = Activator.CreateInstance(type)!;

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanWrite && p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))
        {
            var value = (IEnumerable?)property.GetValue(instance);
            Assert.True(value is null || !value.Cast<object>().Any(), $"{type.Name}.{property.Name} starts with a default that configuration would add to");
        }
    }
}
