using CpanelSessionOps.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Infra.Tests.Support;

/// <summary>
/// Which app settings the app binds: the settings go through the Functions app's own registrations
/// (<see cref="FunctionsServiceCollectionExtensions.AddCpanelSessionOpsFunctions"/>, as Program.cs calls it), every options
/// type those registrations configure is created, and the configuration provider records each key the binder reads.
/// A setting no options property asks for (a renamed option, a typo) is never read.
/// </summary>
public sealed class BoundSettings
{
    private BoundSettings(IReadOnlySet<string> read, IReadOnlyList<string> validationFailures)
    {
        Read = read;
        ValidationFailures = validationFailures;
    }

    /// <summary>Every configuration key (colon form) the binder looked up.</summary>
    public IReadOnlySet<string> Read { get; }

    /// <summary>What the app's start-up validation says about these settings; empty when it would start.</summary>
    public IReadOnlyList<string> ValidationFailures { get; }

    /// <summary>Whether the app setting <paramref name="settingName"/> (double-underscore form) is bound to an option.</summary>
    public bool IsBound(string settingName) => Read.Contains(settingName.Replace("__", ":", StringComparison.Ordinal));

    /// <summary>Binds <paramref name="settings"/> as the Functions host would see them (environment variables).</summary>
    public static BoundSettings Bind(IReadOnlyDictionary<string, string> settings)
    {
        var source = new RecordingSource(settings.ToDictionary(
            static s => s.Key.Replace("__", ":", StringComparison.Ordinal), static s => (string?)s.Value, StringComparer.OrdinalIgnoreCase));
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCpanelSessionOpsFunctions(configuration);

        var failures = new List<string>();
        using (var provider = services.BuildServiceProvider())
        {
            var optionsTypes = services
                .Select(static d => d.ServiceType)
                .Where(static t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
                .Select(static t => t.GetGenericArguments()[0])
                .Distinct();
            foreach (var type in optionsTypes)
            {
                var options = typeof(IOptions<>).MakeGenericType(type);
                try
                {
                    _ = options.GetProperty(nameof(IOptions<object>.Value))!.GetValue(provider.GetRequiredService(options));
                }
                catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is OptionsValidationException invalid)
                {
                    failures.AddRange(invalid.Failures);
                }
            }

            try
            {
                provider.GetService<IStartupValidator>()?.Validate();
            }
            catch (OptionsValidationException ex)
            {
                failures.AddRange(ex.Failures);
            }
            catch (AggregateException ex)
            {
                failures.AddRange(ex.InnerExceptions.OfType<OptionsValidationException>().SelectMany(static e => e.Failures));
            }
        }

        return new BoundSettings(source.Provider!.Read.ToHashSet(StringComparer.OrdinalIgnoreCase), failures.Distinct().ToList());
    }

    private sealed class RecordingSource(Dictionary<string, string?> data) : IConfigurationSource
    {
        public RecordingProvider? Provider { get; private set; }

        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider = new RecordingProvider(data);
    }

    private sealed class RecordingProvider(Dictionary<string, string?> data) : ConfigurationProvider
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, byte> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IEnumerable<string> Read => Keys.Keys;

        public override void Load() => Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);

        public override bool TryGet(string key, out string? value)
        {
            Keys.TryAdd(key, 0);
            return base.TryGet(key, out value);
        }
    }
}
