using System.Net;
using System.Reflection;
using System.Security.Claims;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Functions;
using CpanelSessionOps.Samples.ApiHost;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>The three ways the API is hosted, each started on Kestrel on loopback over one emulator.</summary>
public enum HostKind
{
    /// <summary><c>MapCpanelSessionOps</c> in a minimal app of the test's own (JWT bearer and a cookie sign-in).</summary>
    Plugin,

    /// <summary><c>samples/ApiHost</c>, its own Program, through WebApplicationFactory on Kestrel.</summary>
    Sample,

    /// <summary>The Functions app's HTTP triggers, activated from its own registrations and run as the worker's ASP.NET Core
    /// integration runs them: the request handed over, the <c>IActionResult</c> executed on the response.</summary>
    Functions,
}

/// <summary>A running host of the API: a base address on loopback and what the tests steer.</summary>
public sealed class ApiHostUnderTest : IAsyncDisposable
{
    public const string SignInPath = "/test/sign-in";
    private readonly Func<ValueTask> _stop;

    private ApiHostUnderTest(HostKind kind, Uri baseAddress, SwitchableAuditSink audit, Func<ValueTask> stop)
    {
        Kind = kind;
        BaseAddress = baseAddress;
        Audit = audit;
        _stop = stop;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public HostKind Kind { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public SwitchableAuditSink Audit { get; }

    /// <summary>Starts a host of <paramref name="kind"/> over <paramref name="emulator"/>, with the test settings and
    /// <paramref name="overrides"/>, and <paramref name="testServices"/>: registrations of the test's own, made after the
    /// host's (an exporter to read its traces).</summary>
    public static async Task<ApiHostUnderTest> StartAsync(
        HostKind kind, CpanelEmulator emulator, Dictionary<string, string?>? overrides = null, Action<IServiceCollection>? testServices = null)
    {
        var settings = TestSettings.For(emulator, overrides);
        var audit = new SwitchableAuditSink();
        switch (kind)
        {
            case HostKind.Plugin:
                {
                    var app = await StartPluginAsync(settings, audit, testServices);
                    return new ApiHostUnderTest(kind, AddressOf(app.Services), audit, app.DisposeAsync);
                }

            case HostKind.Functions:
                {
                    var app = await StartFunctionsAsync(settings, audit, testServices);
                    return new ApiHostUnderTest(kind, AddressOf(app.Services), audit, app.DisposeAsync);
                }

            default:
                {
                    var factory = new SampleFactory(settings, audit, testServices);
                    factory.UseKestrel(0);
                    factory.StartServer();
                    return new ApiHostUnderTest(kind, AddressOf(factory.Services), audit, factory.DisposeAsync);
                }
        }
    }

    /// <summary>The plugin in a minimal host: JWT bearer for API callers, a cookie for browsers (signed in at
    /// <see cref="SignInPath"/>, the test's stand-in for an OpenID Connect sign-in).</summary>
    public static async Task<WebApplication> StartPluginAsync(
        Dictionary<string, string?> settings, IAuditSink audit, Action<IServiceCollection>? testServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddCpanelSessionOps(builder.Configuration);
        builder.Services.AddSingleton(audit);
        builder.Services.AddCpanelSessionOpsApi(builder.Configuration.GetSection("Api"));
        builder.Services.AddAuthentication(o => o.DefaultScheme = "bearer-or-cookie")
            .AddPolicyScheme("bearer-or-cookie", null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? JwtBearerDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer(TestTokens.Configure)
            .AddCookie(o => o.Cookie.Name = "plugin-test-user");
        builder.Services.AddAuthorization();
        testServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapCpanelSessionOps("/api");
        app.MapGet(SignInPath, static async (HttpContext context) =>
        {
            var identity = new ClaimsIdentity(
                [new Claim("oid", TestSettings.UserObjectId), new Claim("groups", TestSettings.HelpdeskGroup)],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Text("signed in");
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>The Functions app's triggers behind Kestrel: each <c>[HttpTrigger]</c> route and method mapped to its function,
    /// activated from the app's own registrations (<c>AddCpanelSessionOpsFunctions</c>), its <c>IActionResult</c> executed
    /// on the response. Function keys are the platform's, not the app's, so they are not checked here.</summary>
    private static async Task<WebApplication> StartFunctionsAsync(
        Dictionary<string, string?> settings, IAuditSink audit, Action<IServiceCollection>? testServices)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        // The Functions app requires its chat work queue at start; the API requests here never reach it.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["BackgroundWork:ConnectionString"] = "UseDevelopmentStorage=true" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddCpanelSessionOpsFunctions(builder.Configuration);
        builder.Services.AddSingleton(audit);
        testServices?.Invoke(builder.Services);
        var app = builder.Build();
        foreach (var (type, method, trigger) in Triggers())
        {
            app.MapMethods("/api/" + trigger.Route, [.. (trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant())], async context =>
            {
                var function = ActivatorUtilities.CreateInstance(context.RequestServices, type);
                var result = await (Task<IActionResult>)method.Invoke(function, [context.Request, context.RequestAborted])!;
                await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            });
        }

        await app.StartAsync();
        return app;
    }

    private static IEnumerable<(Type Type, MethodInfo Method, HttpTriggerAttribute Trigger)> Triggers() =>
        from type in typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)
        where trigger is not null
        select (type, method, trigger);

    private static Uri AddressOf(IServiceProvider services)
    {
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _stop();
    }

    private sealed class SampleFactory(Dictionary<string, string?> settings, IAuditSink audit, Action<IServiceCollection>? testServices)
        : WebApplicationFactory<ApiHostEntryPoint>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.ClearProviders());
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(audit);
                services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, TestTokens.Configure);
                testServices?.Invoke(services);
            });
        }
    }
}
