using CpanelSessionOps.AspNetCore;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;
using CpanelSessionOps.Infra.Tests.Support;
using CpanelSessionOps.SharedState;

namespace CpanelSessionOps.Infra.Tests;

/// <summary>
/// The template's app settings and the app's options agree: every setting the template writes is an option the app binds
/// (through Program.cs's registrations and the real options types), and the settings are a configuration the app starts
/// with. Renaming an option without the template fails here.
/// </summary>
public sealed class AppSettingsDriftTests : IClassFixture<AppSettingsDriftTests.Evaluated>
{
    /// <summary>
    /// Settings for issues not yet bound by the app: infrastructure the app will use; the only settings this test lets through
    /// unbound. Empty since #17 bound its shared-state and background-work settings.
    /// </summary>
    public static readonly IReadOnlyList<string> NotYetBoundFor17 =
    [
    ];

    /// <summary>Settings read by the platform, not by the app's options: the Functions host's storage, Application Insights,
    /// Azure.Identity's default client id, and App Service Authentication's client secret.</summary>
    public static readonly IReadOnlyList<string> ReadByThePlatform =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "AZURE_CLIENT_ID",
        "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET",
        "DOTNET_TC_CallCountingDelayMs",
    ];

    private readonly Evaluated _evaluated;

    public AppSettingsDriftTests(Evaluated evaluated) => _evaluated = evaluated;

    public static TheoryData<string> Inputs => new(Evaluated.InputNames);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void EverySetting_IsAnOptionTheAppBinds(string input)
    {
        var (settings, bound) = _evaluated[input];

        var unbound = settings.Keys.Where(k => !bound.IsBound(k) && !ReadByThePlatform.Contains(k) && !NotYetBoundFor17.Contains(k)).ToList();

        Assert.True(unbound.Count == 0, "The template writes settings no option binds (renamed or removed options?): " + string.Join(", ", unbound));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Settings_PassTheAppsStartValidation(string input)
    {
        var (_, bound) = _evaluated[input];

        Assert.True(bound.ValidationFailures.Count == 0, "The app would not start: " + string.Join(" | ", bound.ValidationFailures));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void OptionsADeploymentNeeds_AllHaveSettings(string input)
    {
        var (settings, _) = _evaluated[input];

        // Key Vault by the user-assigned identity, and the audit table by identity (no connection string).
        Assert.Equal(AppSettingsEvaluation.VaultUri, settings[$"Fleet__Secrets__{nameof(SecretStoreOptions.VaultUri)}"]);
        Assert.Equal(AppSettingsEvaluation.IdentityClientId, settings[$"Fleet__Secrets__{nameof(SecretStoreOptions.ManagedIdentityClientId)}"]);
        Assert.Equal(AppSettingsEvaluation.TableEndpoint, settings[$"Audit__{nameof(AuditOptions.TableServiceUri)}"]);
        Assert.DoesNotContain($"Audit__{nameof(AuditOptions.TableConnectionString)}", settings.Keys);
        Assert.Contains($"Api__{nameof(ApiOptions.TrustAppServiceAuthentication)}", settings.Keys);

        // Shared rate limits and de-duplication in the same account's tables, by identity, failing closed unless told otherwise.
        Assert.Equal(AppSettingsEvaluation.TableEndpoint, settings[$"SharedState__{nameof(SharedStateOptions.TableServiceUri)}"]);
        Assert.DoesNotContain($"SharedState__{nameof(SharedStateOptions.TableConnectionString)}", settings.Keys);
        Assert.Equal(input == Evaluated.AllOptions ? "FailOpen" : "FailClosed", settings[$"SharedState__{nameof(SharedStateOptions.FailureMode)}"]);
        Assert.NotEqual(settings[$"SharedState__{nameof(SharedStateOptions.RateLimitTableName)}"], settings[$"SharedState__{nameof(SharedStateOptions.DeliveryTableName)}"]);
        // The chat work queue by identity too, in the host's account (the queue trigger reads it through AzureWebJobsStorage).
        Assert.Equal(AppSettingsEvaluation.QueueEndpoint, settings[$"BackgroundWork__{nameof(BackgroundWorkOptions.QueueServiceUri)}"]);
        Assert.Equal("chatops-work", settings[$"BackgroundWork__{nameof(BackgroundWorkOptions.QueueName)}"]);
        Assert.DoesNotContain($"BackgroundWork__{nameof(BackgroundWorkOptions.ConnectionString)}", settings.Keys);

        // The Functions host's storage by identity too.
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(AppSettingsEvaluation.IdentityClientId, settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal(AppSettingsEvaluation.StorageAccountName, settings["AzureWebJobsStorage__accountName"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal(AppSettingsEvaluation.IdentityClientId, settings["AZURE_CLIENT_ID"]);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void SecretSettings_AreKeyVaultReferences_NeverValues(string input)
    {
        var (settings, _) = _evaluated[input];
        var secretSettings = settings.Where(static s =>
            s.Key.StartsWith("Fleet__Servers__", StringComparison.Ordinal) && (s.Key.EndsWith("__Secret", StringComparison.Ordinal) || s.Key.EndsWith("__TotpSecret", StringComparison.Ordinal)) ||
            s.Key.StartsWith("ChatOps__", StringComparison.Ordinal) && (s.Key.EndsWith("Secret", StringComparison.Ordinal) || s.Key.EndsWith("Token", StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(secretSettings);
        Assert.All(secretSettings, static s => Assert.StartsWith("keyvault:", s.Value, StringComparison.Ordinal));
        Assert.All(settings.Where(static s => s.Key.EndsWith("__Sha256", StringComparison.Ordinal)), static s => Assert.Matches("^[0-9a-f]{64}$", s.Value));
    }

    [Fact]
    public void AllOptionsInput_ReachesEveryConditionalSetting()
    {
        var (settings, _) = _evaluated[Evaluated.AllOptions];

        // Guards the drift test's coverage: the input exercises each optional branch of the settings function.
        foreach (var expected in new[]
                 {
                     "Fleet__Servers__web1__PinnedCertificateSha256__1", "Fleet__Servers__web1__CpanelPort", "Fleet__Servers__web1__WhmPort",
                     "Fleet__Servers__web1__WebmailPort", "Fleet__Servers__shop__TotpSecret", "Fleet__Routes__0__Owner", "Policy__Rules__0__Channels__2",
                     "Policy__CallerLimit", "Policy__TargetLimit", "Policy__RateLimitWindow", "Fleet__Secrets__CacheDuration", "Fleet__Secrets__GracePeriod",
                     "Api__Keys__1__Sha256", "ChatOps__SlackSigningSecret", "ChatOps__SlackResponseHosts__1", "ChatOps__TeamsSecurityToken",
                     "ChatOps__GitHubWebhookSecret", "ChatOps__GitHubToken", "ChatOps__GitHubApiUrl", "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET",
                 })
        {
            Assert.Contains(expected, settings.Keys);
        }

        Assert.Equal("true", settings["Api__TrustAppServiceAuthentication"]);
    }

    [Fact]
    public void NotYetBoundSettings_AreWrittenAndStillUnbound()
    {
        var (settings, bound) = _evaluated[Evaluated.AllOptions];

        foreach (var name in NotYetBoundFor17)
        {
            Assert.True(settings.ContainsKey(name), $"{name} is listed as for #17 but the template no longer writes it: remove it from the list.");
            Assert.False(bound.IsBound(name), $"The app binds {name} now: remove it from {nameof(NotYetBoundFor17)}.");
        }
    }

    [Fact]
    public void DriftCheck_ReportsARenamedOrMisspelledOption()
    {
        var (settings, _) = _evaluated[Evaluated.MainParameters];
        var drifted = new Dictionary<string, string>(settings)
        {
            ["Fleet__Servers__web1__Hots"] = "web1.example.com",
            ["Policy__CallerLimits"] = "30",
            ["Audit__Table"] = "CpanelSessionOpsAudit",
        };

        var bound = BoundSettings.Bind(drifted);

        Assert.Equal(["Audit__Table", "Fleet__Servers__web1__Hots", "Policy__CallerLimits"], drifted.Keys.Where(k => !settings.ContainsKey(k) && !bound.IsBound(k)).Order());
        Assert.True(bound.IsBound("Fleet__Servers__web1__Host"));
    }

    [Fact]
    public void DriftCheck_ReportsASettingTheAppRefusesAtStart()
    {
        var (settings, _) = _evaluated[Evaluated.MainParameters];
        var invalid = new Dictionary<string, string>(settings) { ["Fleet__Routes__0__Server"] = "web9" };

        var bound = BoundSettings.Bind(invalid);

        Assert.Contains(bound.ValidationFailures, static f => f.Contains("Fleet:Routes:0:Server", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionApp_GetsItsSettingsFromTheSettingsFunctionOnly()
    {
        var template = await CompiledTemplate.MainAsync();
        var site = template.Single("Microsoft.Web/sites");

        // What the tests above evaluate is what the site gets: its settings are the function's result, item by item, and
        // no other resource writes app settings.
        var appSettings = site.StringAt("properties.siteConfig.appSettings")!;
        Assert.StartsWith("[map(items(__bicep.appSettings(", appSettings, StringComparison.Ordinal);
        Assert.EndsWith("lambda('setting', createObject('name', lambdaVariables('setting').key, 'value', lambdaVariables('setting').value)))]", appSettings, StringComparison.Ordinal);
        Assert.DoesNotContain(template.AllResources(), static r => r.Type == "Microsoft.Web/sites/config" && r.StringAt("name") is { } n && n.Contains("appsettings", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The settings function evaluated once per test class for each input, and bound through the app.</summary>
    public sealed class Evaluated : IAsyncLifetime
    {
        public const string MainParameters = "infra/main.parameters.json";
        public const string AllOptions = "all-options.parameters.json";

        public static readonly string[] InputNames = [MainParameters, AllOptions];

        private readonly Dictionary<string, (IReadOnlyDictionary<string, string>, BoundSettings)> _results = [];

        public (IReadOnlyDictionary<string, string> Settings, BoundSettings Bound) this[string input] => _results[input];

        public async Task InitializeAsync()
        {
            var azd = new Dictionary<string, string> { ["AZURE_ENV_NAME"] = "test", ["AZURE_LOCATION"] = "swedencentral" };
            var everything = new Dictionary<string, string>(azd)
            {
                ["CPANEL_AUTH_CLIENT_ID"] = "99999999-8888-7777-6666-555555555555",
                ["CPANEL_AUTH_CLIENT_SECRET_NAME"] = "entra-client-secret",
            };
            var inputs = new[]
            {
                (MainParameters, Path.Combine(RepositoryPaths.Infra, "main.parameters.json"), azd),
                (AllOptions, RepositoryPaths.TestData(AllOptions), everything),
            };
            foreach (var (name, file, environment) in inputs)
            {
                var settings = await AppSettingsEvaluation.EvaluateAsync(file, environment);
                _results[name] = (settings, BoundSettings.Bind(settings));
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
