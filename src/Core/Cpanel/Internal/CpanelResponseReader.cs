using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Polly.Timeout;

namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>
/// The one place where what a server answered (or failed to) becomes a result or one of the four exception types.
/// No message built here contains a request URI, header or body that could hold a secret.
/// </summary>
internal static class CpanelResponseReader
{
    public static UapiResult ReadUapi(CpanelServer server, string function, CpanelCredential credential, HttpResponseMessage response, byte[] body)
    {
        EnsureAnswered(server, function, credential, response, body);
        UapiEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, CpanelJsonContext.Default.UapiEnvelope);
        }
        catch (JsonException ex)
        {
            throw new CpanelProtocolException(server.Name, function, $"the body is not valid JSON ({ex.Message}). Check that the port is cPanel's (2083).", ex);
        }

        if (envelope?.Result is not { Status: { } status } result)
        {
            throw new CpanelProtocolException(server.Name, function, "the JSON has no result.status. Check that the port is cPanel's UAPI (2083).");
        }

        if (status != 1)
        {
            var (kind, name) = KindOf(result.Data?.Type);
            if (kind == CpanelErrorKind.Unspecified)
            {
                kind = KindOfText(result.Errors);
            }

            throw new CpanelApiException(server.Name, function, result.Errors ?? [], kind, name);
        }

        return result;
    }

    public static WhmData ReadWhm(
        CpanelServer server, string function, CpanelCredential credential, HttpResponseMessage response, byte[] body, bool requireData = true)
    {
        EnsureAnswered(server, function, credential, response, body);
        WhmEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, CpanelJsonContext.Default.WhmEnvelope);
        }
        catch (JsonException ex)
        {
            throw new CpanelProtocolException(server.Name, function, $"the body is not valid JSON ({ex.Message}). Check that the port is WHM's (2087).", ex);
        }

        if (envelope?.Metadata is not { Result: { } result } metadata)
        {
            throw new CpanelProtocolException(server.Name, function, "the JSON has no metadata.result. Check that the port is WHM's (2087) and api.version=1 is sent.");
        }

        if (result != 1)
        {
            var reason = metadata.Reason ?? "no reason given";
            throw new CpanelApiException(server.Name, function, [reason], KindOfText([reason]), null);
        }

        return envelope.Data ?? (requireData ? throw new CpanelProtocolException(server.Name, function, "result 1 but no data.") : new WhmData());
    }

    /// <summary>A refusal of a UAPI function run inside a WHM call (<c>uapi_cpanel</c>), its kind read from its texts.</summary>
    public static CpanelApiException UapiRefusal(CpanelServer server, string function, IReadOnlyList<string>? errors) =>
        new(server.Name, function, errors ?? [], KindOfText(errors), null);

    /// <summary>Maps an exception thrown while sending; returns null for the caller's own cancellation (rethrow it).</summary>
    public static CpanelException? MapException(CpanelServer server, string function, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is CpanelException)
        {
            return null;
        }

        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return exception switch
        {
            TimeoutRejectedException or TaskCanceledException or OperationCanceledException =>
                new CpanelTransportException(server.Name, function, CpanelTransportFailure.Timeout, null,
                    "no answer within the timeout. Check that the server is up, or raise the timeout.", exception),
            HttpRequestException { InnerException: AuthenticationException } =>
                new CpanelTransportException(server.Name, function, CpanelTransportFailure.Tls, null,
                    $"its TLS certificate is not trusted. Pin the certificate's SHA-256 fingerprint or give a CA bundle for {server.Host}.", exception),
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } or
                HttpRequestException { InnerException: SocketException } =>
                new CpanelTransportException(server.Name, function, CpanelTransportFailure.Connect, null,
                    $"cannot connect to {server.Host}. Check the host, the port and any firewall between.", exception),
            HttpRequestException or IOException =>
                new CpanelTransportException(server.Name, function, CpanelTransportFailure.ConnectionLost, null,
                    "the connection dropped before the answer was complete. It may succeed if tried again.", exception),
            _ => null,
        };
    }

    private static void EnsureAnswered(CpanelServer server, string function, CpanelCredential credential, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        switch (status)
        {
            case 200:
                if (LooksLikeHtml(response, body))
                {
                    // Refused password logins (and cPHulk blocks) come back as the login page with HTTP 200.
                    throw new CpanelAuthenticationException(server.Name, function, status, loginPage: true, credential.ToString());
                }

                return;
            case 401 or 403:
                throw new CpanelAuthenticationException(server.Name, function, status, loginPage: false, credential.ToString());
            case 429:
                throw new CpanelTransportException(server.Name, function, CpanelTransportFailure.Throttled, status,
                    "HTTP 429 (too many requests) through every retry. Slow down, or wait and try again.");
            case >= 500:
                throw new CpanelTransportException(server.Name, function, CpanelTransportFailure.ServerError, status,
                    $"HTTP {status} through every retry. The server may be upgrading or failing; see its error log.");
            default:
                throw new CpanelProtocolException(server.Name, function,
                    $"unexpected HTTP {status}. Check that the host and port point at cPanel (2083) or WHM (2087).");
        }
    }

    private static bool LooksLikeHtml(HttpResponseMessage response, byte[] body)
    {
        // The header's text is looked at first: a JSON media type cannot be text/html, and parsing the header (allocations on
        // every call) is left for anything else.
        if (!IsJsonMediaType(response.Content.Headers) && response.Content.Headers.ContentType?.MediaType is "text/html")
        {
            return true;
        }

        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }

    private static bool IsJsonMediaType(System.Net.Http.Headers.HttpContentHeaders headers) =>
        headers.NonValidated.TryGetValues("Content-Type", out var values) && values.Count == 1 &&
        values.ToString().StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether an HTML body is cPanel's login page (titled <c>Webmail Login</c>, <c>cPanel Login</c> or <c>WHM Login</c>).</summary>
    public static bool IsLoginPage(string html)
    {
        var start = html.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
        var end = start < 0 ? -1 : html.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
        if (end < 0)
        {
            return false;
        }

        var title = html[(start + 7)..end].Trim();
        return title.EndsWith(" Login", StringComparison.OrdinalIgnoreCase) &&
            title[..^6].Trim() is var product && (product.Equals("Webmail", StringComparison.OrdinalIgnoreCase) ||
                product.Equals("cPanel", StringComparison.OrdinalIgnoreCase) || product.Equals("WHM", StringComparison.OrdinalIgnoreCase));
    }

    // The one place cPanel's English texts are read: untyped refusals that mean "no such user" or "suspended" get that kind,
    // so hosts never match texts themselves. UAPI's "You do not have a user named “x”.", "Logins for “x” are suspended.";
    // WHM's "... because they do not exist." and "... because they are currently suspended."
    private static CpanelErrorKind KindOfText(IReadOnlyList<string>? errors)
    {
        foreach (var error in errors ?? [])
        {
            if (error.StartsWith("You do not have a user named “", StringComparison.Ordinal) ||
                (error.StartsWith("You cannot create a session for the user “", StringComparison.Ordinal) && error.EndsWith(" because they do not exist.", StringComparison.Ordinal)))
            {
                return CpanelErrorKind.UserNotFound;
            }

            if ((error.StartsWith("Logins for “", StringComparison.Ordinal) && error.EndsWith(" are suspended.", StringComparison.Ordinal)) ||
                (error.StartsWith("You cannot create a session for the user “", StringComparison.Ordinal) && error.EndsWith(" because they are currently suspended.", StringComparison.Ordinal)))
            {
                return CpanelErrorKind.Suspended;
            }
        }

        return CpanelErrorKind.Unspecified;
    }

    private static (CpanelErrorKind, string?) KindOf(string? type) => type switch
    {
        null or "" => (CpanelErrorKind.Unspecified, null),
        "BadPassword" => (CpanelErrorKind.BadPassword, type),
        "Suspended" => (CpanelErrorKind.Suspended, type),
        "UserNotFound" => (CpanelErrorKind.UserNotFound, type),
        _ => (CpanelErrorKind.Other, type),
    };
}
