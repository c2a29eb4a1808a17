using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;
using CpanelSessionOps.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CpanelSessionOps.Functions.Tests.Support;

/// <summary>An HTTP answer as a client would see it.</summary>
public sealed record FunctionResponse(int Status, IHeaderDictionary Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// The Functions app in-process: services from the same registration Program.cs makes
/// (<c>AddCpanelSessionOpsFunctions</c>) over configuration pointing at the emulator and the local Key Vault; functions
/// are activated from those services and called with real <see cref="HttpRequest"/> objects.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    public const string PortalKey = "portal-api-key-for-tests";
    public const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string TeamsToken = "dGVhbXMtd2ViaG9vay1zZWN1cml0eS10b2tlbi1mb3ItdGVzdHM=";
    public const string GitHubSecret = "It's a Secret to Everybody";

    private FunctionsHost(CpanelEmulator emulator, LocalKeyVault vault, ServiceProvider services, FakeLogCollector logs, CollectingAuditSink audit,
        LocalGitHub github, LocalSlack slack, InMemoryChatWorkQueue work)
    {
        Work = work;
        Slack = slack;
        Emulator = emulator;
        Vault = vault;
        Services = services;
        Logs = logs;
        Audit = audit;
        GitHub = github;
    }

    public CollectingAuditSink Audit { get; }

    /// <summary>The chat work queue (in memory unless a test puts the Storage queue back).</summary>
    internal InMemoryChatWorkQueue Work { get; }

    /// <summary>Every HTTPS host a Slack response_url names (hooks.slack.com included) lands here.</summary>
    public LocalSlack Slack { get; }

    public LocalGitHub GitHub { get; }

    public CpanelEmulator Emulator { get; }

    public LocalKeyVault Vault { get; }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs { get; }

    public static async Task<FunctionsHost> StartAsync(Dictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var emulator = await CpanelEmulator.StartAsync();
        var vault = await LocalKeyVault.StartAsync();
        var web1 = emulator.ToFleetSettings();
        vault.SetSecret("web1-whm", web1.Token);
        vault.SetSecret("slack-signing", SlackSecret);
        vault.SetSecret("teams-token", TeamsToken);
        vault.SetSecret("github-webhook", GitHubSecret);
        vault.SetSecret("github-token", "ghs_chatops");
        var github = await LocalGitHub.StartAsync();
        var slack = await LocalSlack.StartAsync();
        // web1 is the emulator as root's WHM token sees it, its token in Key Vault; example.com (owner demo) routes to it.
        var settings = new Dictionary<string, string?>(web1.ToConfiguration("web1", "keyvault:web1-whm", "example.com"))
        {
            ["Cpanel:RetryDelay"] = "00:00:00.010",
            ["Cpanel:MaxRetryAttempts"] = "1",
            ["Policy:Rules:0:Name"] = "portal",
            ["Policy:Rules:0:Callers:0"] = "name:portal",
            ["Policy:Rules:0:Callers:1"] = "group:helpdesk-group",
            ["Policy:Rules:0:Targets:0"] = "*@example.com",
            ["Policy:Rules:0:Targets:1"] = "*@example.net",
            ["Policy:Rules:0:Targets:2"] = "demo",
            ["Policy:Rules:0:Kinds:0"] = "Webmail",
            ["Policy:Rules:0:Kinds:1"] = "Cpanel",
            ["Policy:Rules:0:Channels:0"] = "Http",
            ["Policy:Rules:1:Name"] = "chat",
            ["Policy:Rules:1:Callers:0"] = "slack:U0SUPPORT",
            ["Policy:Rules:1:Callers:1"] = "teams:29:1abcSUPPORT",
            ["Policy:Rules:1:Callers:2"] = "github:octocat",
            ["Policy:Rules:1:Targets:0"] = "*@example.com",
            ["Policy:Rules:1:Channels:0"] = "Slack",
            ["Policy:Rules:1:Channels:1"] = "Teams",
            ["Policy:Rules:1:Channels:2"] = "GitHub",
            ["ChatOps:SlackSigningSecret"] = "keyvault:slack-signing",
            ["ChatOps:TeamsSecurityToken"] = "keyvault:teams-token",
            ["ChatOps:GitHubWebhookSecret"] = "keyvault:github-webhook",
            ["ChatOps:GitHubToken"] = "keyvault:github-token",
            ["ChatOps:GitHubApiUrl"] = github.ApiUrl,
            // Inline unless a test sets a budget: a loaded machine must not turn an inline answer into a queued one.
            ["ChatOps:SlackInlineBudget"] = "00:05:00",
            // Never contacted unless a test registers the Storage queue: InMemoryChatWorkQueue stands in.
            ["BackgroundWork:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Api:TrustAppServiceAuthentication"] = "true",
            ["Api:Keys:0:Name"] = "portal",
            ["Api:Keys:0:Sha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(PortalKey))),
            ["Api:Keys:1:Name"] = "stranger",
            ["Api:Keys:1:Sha256"] = Convert.ToHexString(SHA256.HashData("stranger-key"u8)),
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddCpanelSessionOpsFunctions(configuration);
        var audit = new CollectingAuditSink();
        services.AddSingleton<CpanelSessionOps.Audit.IAuditSink>(audit);
        slack.Attach(services);
        var work = new InMemoryChatWorkQueue();
        services.AddSingleton<IChatWorkQueue>(work);

        // Test-only: the real SecretClient is pointed at the local endpoint (TLS pin, test token).
        services.Configure<SecretStoreOptions>(vault.Configure);
        configureServices?.Invoke(services);
        return new FunctionsHost(emulator, vault, services.BuildServiceProvider(validateScopes: true), logs, audit, github, slack, work);
    }

    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>Runs the queue trigger's processing once over the waiting work messages, as the Functions host would after
    /// the webhook answered; messages left for a retry wait for the next call.</summary>
    internal async Task<IReadOnlyList<ChatWorkOutcome>> ProcessWorkAsync()
    {
        var processor = Services.GetRequiredService<ChatWorkProcessor>();
        var outcomes = new List<ChatWorkOutcome>();
        foreach (var (message, dequeueCount) in Work.TakePending())
        {
            var outcome = await processor.ProcessAsync(message, dequeueCount);
            if (outcome == ChatWorkOutcome.Retry)
            {
                Work.Requeue(message, dequeueCount);
            }

            outcomes.Add(outcome);
        }

        return outcomes;
    }

    /// <summary>A request as the Functions host hands it over.</summary>
    public HttpRequest Request(string method, string path, string? json = null, string contentType = "application/json",
        IDictionary<string, string>? headers = null, string? query = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("cpanel-session-ops.azurewebsites.net");
        context.Request.Path = path;
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString("?" + query);
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("198.51.100.20");
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string> { ["X-Api-Key"] = PortalKey })
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>Runs an action result the way the ASP.NET Core integration does and reads what it wrote.</summary>
    public static async Task<FunctionResponse> ExecuteAsync(HttpRequest request, IActionResult result)
    {
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return new FunctionResponse(context.Response.StatusCode, context.Response.Headers, await reader.ReadToEndAsync());
    }

    public static string ClientPrincipal(string objectId, params string[] groups)
    {
        var claims = new List<object> { new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId } };
        claims.AddRange(groups.Select(g => new { typ = "groups", val = g }));
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new { auth_typ = "aad", claims, name_typ = "name", role_typ = "roles" }));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A hang guard only: Polly's pipelines wait, on the app's clock, for calls still running when the services are
            // disposed, and a test's fake clock never moves on its own; work left running fails the test instead of hanging the run.
            await Services.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            await GitHub.DisposeAsync();
            await Slack.DisposeAsync();
            await Vault.DisposeAsync();
            await Emulator.DisposeAsync();
        }
    }
}
