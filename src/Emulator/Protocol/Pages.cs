using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>Writes the bodies a cPanel server answers with: JSON envelopes and its HTML pages.</summary>
internal static class Pages
{
    // cPanel sends UTF-8 as it is (its typographic quotes included), not \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[] AccessDeniedBody = Encoding.UTF8.GetBytes(
        """{"cpanelresult":{"apiversion":"2","error":"Access denied","data":{"reason":"Access denied","result":"0"},"type":"text"}}""");

    public static string LoginTitle(Listener listener) => listener switch
    {
        Listener.Webmail => "Webmail Login",
        Listener.Whm => "WHM Login",
        _ => "cPanel Login",
    };

    public static Task WriteJsonAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }

    /// <summary>The UAPI envelope. <paramref name="writeData"/> null writes <c>"data":null</c>.</summary>
    public static Task WriteUapiAsync(
        HttpContext context, string module, string function, Action<Utf8JsonWriter>? writeData, IReadOnlyList<string>? errors) =>
        WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("apiversion", 3);
            writer.WriteString("func", function);
            writer.WriteString("module", module);
            writer.WriteStartObject("result");
            if (writeData is null)
            {
                writer.WriteNull("data");
            }
            else
            {
                writer.WritePropertyName("data");
                writeData(writer);
            }

            if (errors is null)
            {
                writer.WriteNull("errors");
            }
            else
            {
                writer.WriteStartArray("errors");
                foreach (var error in errors)
                {
                    writer.WriteStringValue(error);
                }

                writer.WriteEndArray();
            }

            writer.WriteNull("messages");
            writer.WriteStartObject("metadata");
            writer.WriteEndObject();
            writer.WriteNumber("status", errors is null ? 1 : 0);
            writer.WriteNull("warnings");
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static Task WriteUapiErrorAsync(HttpContext context, string module, string function, string error, string? errorType = null) =>
        WriteUapiAsync(context, module, function, errorType is null ? null : writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", errorType);
            writer.WriteNull("detail");
            writer.WriteEndObject();
        }, [error]);

    public static Task WriteWhmFailureAsync(HttpContext context, string command, string reason) =>
        WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("metadata");
            writer.WriteString("command", command);
            writer.WriteString("reason", reason);
            writer.WriteNumber("result", 0);
            writer.WriteNumber("version", 1);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static Task WriteAccessDeniedAsync(HttpContext context, int statusCode, string contentType = "application/json; charset=utf-8")
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = AccessDeniedBody.Length;
        return context.Response.Body.WriteAsync(AccessDeniedBody, context.RequestAborted).AsTask();
    }

    public static Task WriteLoginPageAsync(HttpContext context, Listener listener, int statusCode)
    {
        var title = LoginTitle(listener);
        return WriteHtmlAsync(context, statusCode, title,
            $"""<form id="login_form" action="/login/?login_only=1" method="post"><input name="user" id="user"><input name="pass" id="pass" type="password"><button type="submit">Log in</button></form>""");
    }

    /// <summary>The theme page a login lands on. Like a real theme page it does not name the user (nothing public says it
    /// does), so a login check cannot depend on that.</summary>
    public static Task WriteThemePageAsync(HttpContext context, Listener listener)
    {
        var product = listener switch
        {
            Listener.Webmail => "Webmail",
            Listener.Whm => "WHM",
            _ => "cPanel",
        };
        return WriteHtmlAsync(context, StatusCodes.Status200OK, product,
            $"""<main id="{product.ToLowerInvariant()}" data-theme="jupiter"><h1>{product}</h1><nav id="sidebar"></nav></main>""");
    }

    /// <summary><c>401 Token Denied</c> (text/html): a cookie session whose <c>/cpsessN</c> prefix is missing or wrong.</summary>
    public static Task WriteTokenDeniedAsync(HttpContext context)
    {
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>()!.ReasonPhrase = "Token Denied";
        return WriteHtmlAsync(context, StatusCodes.Status401Unauthorized, "Token Denied", "<h1>Token Denied</h1>");
    }

    /// <summary>The small body of a login's 307: a META refresh to the same place as <c>Location</c>.</summary>
    public static Task WriteMetaRefreshAsync(HttpContext context, int statusCode, string location)
    {
        var target = WebUtility.HtmlEncode(location);
        var bytes = Encoding.UTF8.GetBytes(
            $"""<html><head><META HTTP-EQUIV="refresh" CONTENT="0;URL={target}"></head><body></body></html>""" + "\n");
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/html";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    public static Task WriteNotFoundAsync(HttpContext context) =>
        WriteHtmlAsync(context, StatusCodes.Status404NotFound, "404 Not Found", "<h1>404 Not Found</h1><p>The requested URL was not found on this server.</p>");

    public static Task WriteStatusPageAsync(HttpContext context, int statusCode, string title) =>
        WriteHtmlAsync(context, statusCode, title, $"<h1>{WebUtility.HtmlEncode(title)}</h1>");

    public static Task WriteTextAsync(HttpContext context, int statusCode, string text, string contentType = "text/plain; charset=utf-8")
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    private static Task WriteHtmlAsync(HttpContext context, int statusCode, string title, string body, bool titleIsEncoded = false)
    {
        var html = $"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{(titleIsEncoded ? title : WebUtility.HtmlEncode(title))}</title></head><body>{body}</body></html>""";
        var bytes = Encoding.UTF8.GetBytes(html);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}
