using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CpanelSessionOps.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>
/// Plain HTTP on loopback, for scripts and tests in other processes: <c>GET/POST/DELETE /faults</c>,
/// <c>PUT /settings</c>, <c>GET /sessions</c>, <c>GET /requests</c>, <c>GET /health</c>.
/// </summary>
internal sealed class AdminEndpoint(CpanelEmulator emulator)
{
    public async Task HandleAsync(HttpContext context)
    {
        // "$ADMIN/faults" with ADMIN ending in a slash gives //faults: read repeated slashes as one.
        var path = "/" + string.Join('/', (context.Request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries));
        path = path == "/" ? "" : path;
        var method = context.Request.Method;
        try
        {
            switch (path)
            {
                case "/health" when HttpMethods.IsGet(method):
                    await WriteAsync(context, 200, new AdminHealth(
                        "healthy", emulator.CpanelUri.ToString(), emulator.WhmUri.ToString(), emulator.WebmailUri.ToString(), emulator.CertificateSha256,
                        emulator.Sessions.Count, emulator.Requests.Total), AdminJsonContext.Default.AdminHealth);
                    return;
                case "/faults" when HttpMethods.IsGet(method):
                    await WriteFaultsAsync(context, 200);
                    return;
                case "/faults" when HttpMethods.IsPost(method):
                    var fault = await context.Request.ReadFromJsonAsync(AdminJsonContext.Default.AdminFault, context.RequestAborted);
                    if (fault?.Kind is not { } kind)
                    {
                        await WriteErrorAsync(context, "kind is required: one of Latency, Http500, Http503, Http429, ConnectionReset, MalformedJson, HtmlLoginPage, RequestFailed, RedirectOffOrigin, RedirectLoop.");
                        return;
                    }

                    emulator.Faults.Add(new FaultRule
                    {
                        Function = fault.Function ?? "*",
                        Kind = kind,
                        Delay = TimeSpan.FromMilliseconds(fault.DelayMs ?? 0),
                        Times = fault.Times,
                        RetryAfterSeconds = fault.RetryAfterSeconds,
                    });
                    await WriteFaultsAsync(context, 201);
                    return;
                case "/faults" when HttpMethods.IsDelete(method):
                    emulator.Faults.Clear();
                    context.Response.StatusCode = 204;
                    return;
                case "/settings" when HttpMethods.IsPut(method):
                    var settings = await context.Request.ReadFromJsonAsync(AdminJsonContext.Default.AdminSettings, context.RequestAborted);
                    if (settings?.LoginFailureStatusCode is { } status && status is not (200 or 401))
                    {
                        await WriteErrorAsync(context, "loginFailureStatusCode must be 200 or 401.");
                        return;
                    }

                    emulator.PasswordFailureAsLoginPage = settings?.PasswordFailureAsLoginPage ?? emulator.PasswordFailureAsLoginPage;
                    emulator.LoginFailureStatusCode = settings?.LoginFailureStatusCode ?? emulator.LoginFailureStatusCode;
                    await WriteAsync(context, 200, new AdminSettings(emulator.PasswordFailureAsLoginPage, emulator.LoginFailureStatusCode),
                        AdminJsonContext.Default.AdminSettings);
                    return;
                case "/sessions" when HttpMethods.IsGet(method):
                    await WriteAsync(context, 200, emulator.Sessions, AdminJsonContext.Default.IReadOnlyListEmulatedSession);
                    return;
                case "/requests" when HttpMethods.IsGet(method):
                    await WriteAsync(context, 200, emulator.Requests.Entries, AdminJsonContext.Default.IReadOnlyListRequestLogEntry);
                    return;
                default:
                    context.Response.StatusCode = 404;
                    await WriteAsync(context, 404, new AdminError($"No admin endpoint {method} {path}; see docs/emulator.md."), AdminJsonContext.Default.AdminError);
                    return;
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException && !context.Response.HasStarted)
        {
            await WriteErrorAsync(context, ex.Message);
        }
    }

    private Task WriteFaultsAsync(HttpContext context, int status) =>
        WriteAsync(context, status,
            [.. emulator.Faults.Rules.Select(r => new AdminFault(r.Function, r.Kind, (int)r.Delay.TotalMilliseconds, r.Times, r.RetryAfterSeconds))],
            AdminJsonContext.Default.ListAdminFault);

    private static Task WriteErrorAsync(HttpContext context, string message) =>
        WriteAsync(context, 400, new AdminError(message), AdminJsonContext.Default.AdminError);

    private static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, typeInfo, cancellationToken: context.RequestAborted);
    }
}
