using System.Diagnostics.CodeAnalysis;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.Hosting;
using CpanelSessionOps.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The worker middleware sets the correlation id and no-store once, and the functions use the id it chose.</summary>
public sealed class ResponseDefaultsMiddlewareTests : IAsyncLifetime
{
    private FunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("not a valid id!")]
    public async Task HttpInvocation_GetsOneNewCorrelationIdAndNoStore_AndTheFunctionAnswersWithIt(string given)
    {
        var body = SlackCommandTests.SlackBody("help");
        var headers = SlackCommandTests.SlackHeaders(body);
        headers[HttpResponseDefaults.CorrelationHeader] = given;
        var request = _host.Request("POST", "/api/chatops/slack", body, "application/x-www-form-urlencoded", headers);
        string? seenByNext = null;
        FunctionResponse? response = null;

        await new ResponseDefaultsMiddleware().Invoke(new FakeFunctionContext(request.HttpContext), async _ =>
        {
            seenByNext = request.HttpContext.Response.Headers[HttpResponseDefaults.CorrelationHeader];
            response = await FunctionsHost.ExecuteAsync(request, await _host.Function<SlackCommandFunction>().RunAsync(request, CancellationToken.None));
        });

        Assert.Matches("^[0-9a-f]{32}$", seenByNext);
        Assert.Equal(seenByNext, response!.Headers[HttpResponseDefaults.CorrelationHeader]);
        Assert.Equal("no-store", response.Headers.CacheControl);
        Assert.Equal(SlackCommandHandler.HelpText, response.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task HttpInvocation_KeepsTheCallersWellFormedCorrelationId()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[HttpResponseDefaults.CorrelationHeader] = "portal-4711";

        await new ResponseDefaultsMiddleware().Invoke(new FakeFunctionContext(context), _ => Task.CompletedTask);

        Assert.Equal("portal-4711", context.Response.Headers[HttpResponseDefaults.CorrelationHeader]);
        Assert.Equal("no-store", context.Response.Headers.CacheControl);
        Assert.Equal("portal-4711", HttpResponseDefaults.CorrelationId(context.Request));
    }

    [Fact]
    public async Task OtherTrigger_PassesThrough()
    {
        var ran = false;

        await new ResponseDefaultsMiddleware().Invoke(new FakeFunctionContext(null), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }

    /// <summary>A function invocation as the worker hands it to middleware; the ASP.NET Core integration puts the
    /// request's HttpContext in <see cref="Items"/> under <c>HttpRequestContext</c>.</summary>
    [SuppressMessage("Design", "CA1065:Do not raise exceptions in unexpected locations", Justification = "Members the middleware must not use.")]
    private sealed class FakeFunctionContext(HttpContext? http) : FunctionContext
    {
        public override IDictionary<object, object> Items { get; set; } = http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { ["HttpRequestContext"] = http };

        public override string InvocationId => "invocation-1";

        public override string FunctionId => "function-1";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = null!;

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
