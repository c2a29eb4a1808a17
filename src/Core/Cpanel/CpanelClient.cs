using System.Diagnostics;
using System.Globalization;
using CpanelSessionOps.Cpanel.Internal;
using CpanelSessionOps.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CpanelSessionOps.Cpanel;

/// <summary>
/// Mints sessions on one cPanel &amp; WHM server: the UAPI <c>Session</c> functions with a cPanel credential, and WHM
/// API 1 <c>create_user_session</c> with a WHM credential. Thread-safe. Get one from <see cref="CpanelClientFactory"/>
/// so that calls go through the pooled, resilient HTTP pipeline.
/// </summary>
public sealed class CpanelClient
{
    private const string Module = "Session";
    private const string ForMailUser = "create_webmail_session_for_mail_user";
    private const string ForMailUserCheckPassword = "create_webmail_session_for_mail_user_check_password";
    private const string ForSelf = "create_webmail_session_for_self";
    private const string CreateTempUserFunction = "create_temp_user";
    private const string CreateUserSessionFunction = "create_user_session";
    private const string GetDomainOwnerFunction = "getdomainowner";
    private const string AccountSummaryFunction = "accountsummary";
    private const string UapiCpanelFunction = "uapi_cpanel";

    private static readonly TimeSpan UapiSessionLifetime = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    internal CpanelClient(CpanelServer server, CpanelCredential credential, HttpClient httpClient, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        Server = server ?? throw new ArgumentNullException(nameof(server));
        Credential = credential ?? throw new ArgumentNullException(nameof(credential));
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The server this client calls.</summary>
    public CpanelServer Server { get; }

    /// <summary>The credential it authenticates with.</summary>
    public CpanelCredential Credential { get; }

    /// <summary>UAPI <c>Session::create_webmail_session_for_mail_user</c>: a webmail session for a mailbox the account owns.</summary>
    /// <exception cref="ArgumentException">A required field is empty; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The client's credential is a WHM credential; UAPI needs a cPanel one.</exception>
    /// <exception cref="CpanelApiException">cPanel refused, e.g. the account does not own the mailbox.</exception>
    /// <exception cref="CpanelAuthenticationException">The credential was refused.</exception>
    /// <exception cref="CpanelProtocolException">The answer could not be read.</exception>
    /// <exception cref="CpanelTransportException">No answer: connection, TLS, timeout, or 5xx/429 through the retries.</exception>
    public Task<MintedSession> CreateWebmailSessionForMailUserAsync(MailUserSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireText(request.Login, "Login");
        RequireText(request.Domain, "Domain");
        // The hot path: one string, no intermediate builders.
        var url = string.Create(CultureInfo.InvariantCulture,
            $"https://{UriHost(Server.Host)}:{Server.CpanelPort}/execute/{Module}/{ForMailUser}?login={CpanelUriEncoding.Encode(request.Login)}&domain={CpanelUriEncoding.Encode(request.Domain)}{Optional("locale", request.Locale)}{Optional("remote_address", request.RemoteAddress)}");
        return MintUapiAsync(ForMailUser, url, null, request.Login + "@" + request.Domain, cancellationToken);
    }

    /// <summary>UAPI <c>Session::create_webmail_session_for_mail_user_check_password</c>: as
    /// <see cref="CreateWebmailSessionForMailUserAsync"/>, proving the mailbox password, which is sent as a POST form body.</summary>
    /// <exception cref="ArgumentException">A required field is empty; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The client's credential is a WHM credential; UAPI needs a cPanel one.</exception>
    /// <exception cref="CpanelApiException">cPanel refused: <see cref="CpanelErrorKind.BadPassword"/>, <see cref="CpanelErrorKind.Suspended"/>
    /// or <see cref="CpanelErrorKind.UserNotFound"/>, among others.</exception>
    /// <exception cref="CpanelAuthenticationException">The credential was refused.</exception>
    /// <exception cref="CpanelProtocolException">The answer could not be read.</exception>
    /// <exception cref="CpanelTransportException">No answer: connection, TLS, timeout, or 5xx/429 through the retries.</exception>
    public Task<MintedSession> CreateWebmailSessionForMailUserCheckPasswordAsync(CheckPasswordSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireText(request.Login, "Login");
        RequireText(request.Domain, "Domain");
        ArgumentNullException.ThrowIfNull(request.Password, "Password");
        var form = new List<KeyValuePair<string, string>>
        {
            new("login", request.Login),
            new("domain", request.Domain),
            new("password", request.Password.Reveal()),
        };
        if (request.Locale is { Length: > 0 } locale)
        {
            form.Add(new("locale", locale));
        }

        if (request.RemoteAddress is { Length: > 0 } address)
        {
            form.Add(new("remote_address", address));
        }

        return MintUapiAsync(ForMailUserCheckPassword, UapiUrl(ForMailUserCheckPassword), form, request.Login + "@" + request.Domain, cancellationToken);
    }

    /// <summary>UAPI <c>Session::create_webmail_session_for_self</c>: a webmail session for the authenticated account.</summary>
    /// <exception cref="InvalidOperationException">The client's credential is a WHM credential; UAPI needs a cPanel one.</exception>
    /// <exception cref="CpanelApiException">cPanel refused, e.g. an unknown locale.</exception>
    /// <exception cref="CpanelAuthenticationException">The credential was refused.</exception>
    /// <exception cref="CpanelProtocolException">The answer could not be read.</exception>
    /// <exception cref="CpanelTransportException">No answer: connection, TLS, timeout, or 5xx/429 through the retries.</exception>
    public Task<MintedSession> CreateWebmailSessionForSelfAsync(SelfSessionRequest? request = null, CancellationToken cancellationToken = default)
    {
        var query = Optional("locale", request?.Locale) + Optional("remote_address", request?.RemoteAddress);
        return MintUapiAsync(ForSelf, UapiUrl(ForSelf) + (query.Length > 0 ? "?" + query[1..] : ""), null, Credential.UserName, cancellationToken);
    }

    /// <summary>UAPI <c>Session::create_temp_user</c>. Called with a token or password it succeeds without creating a user
    /// (<see cref="TemporaryUserResult.Created"/> false): cPanel only creates one inside a browser session.</summary>
    /// <exception cref="InvalidOperationException">The client's credential is a WHM credential; UAPI needs a cPanel one.</exception>
    /// <exception cref="CpanelApiException">cPanel refused.</exception>
    /// <exception cref="CpanelAuthenticationException">The credential was refused.</exception>
    /// <exception cref="CpanelProtocolException">The answer could not be read.</exception>
    /// <exception cref="CpanelTransportException">No answer: connection, TLS, timeout, or 5xx/429 through the retries.</exception>
    public async Task<TemporaryUserResult> CreateTempUserAsync(CancellationToken cancellationToken = default)
    {
        return await SendUapiAsync(CreateTempUserFunction, UapiUrl(CreateTempUserFunction), null, 0,
            static (_, _, result, _) => new TemporaryUserResult(result.Data?.Created == 1, result.Data?.SessionTempUser), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>WHM API 1 <c>create_user_session</c>: root or a reseller mints a session for one of its users, or for a
    /// mailbox (<see cref="SessionService.Webmail"/> with a mailbox address as <see cref="UserSessionRequest.User"/>).</summary>
    /// <exception cref="ArgumentException">The user is empty.</exception>
    /// <exception cref="InvalidOperationException">The client's credential is not a WHM credential.</exception>
    /// <exception cref="CpanelApiException">WHM refused, e.g. the user does not exist or the reseller does not own it.</exception>
    /// <exception cref="CpanelAuthenticationException">The credential was refused.</exception>
    /// <exception cref="CpanelProtocolException">The answer could not be read.</exception>
    /// <exception cref="CpanelTransportException">No answer: connection, TLS, timeout, or 5xx/429 through the retries.</exception>
    public async Task<MintedSession> CreateUserSessionAsync(UserSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireText(request.User, "User");
        if (!Credential.IsWhm)
        {
            throw new InvalidOperationException(
                $"create_user_session is a WHM API 1 call: give the client for server '{Server.Name}' a WHM token (root or reseller), not a {Credential.Kind}.");
        }

        var service = request.Service switch
        {
            SessionService.Webmail => "webmaild",
            SessionService.Whm => "whostmgrd",
            _ => "cpaneld",
        };
        var url = string.Create(CultureInfo.InvariantCulture,
            $"https://{UriHost(Server.Host)}:{Server.WhmPort}/json-api/{CreateUserSessionFunction}?api.version=1&user={CpanelUriEncoding.Encode(request.User)}&service={service}{Optional("locale", request.Locale)}{Optional("app", request.App)}{Optional("preferred_domain", request.PreferredDomain)}");

        var started = _timeProvider.GetTimestamp();
        var data = await SendAsync(CreateUserSessionFunction, new HttpRequestMessage(HttpMethod.Get, url), 0,
            static (client, function, response, body, _) => CpanelResponseReader.ReadWhm(client.Server, function, client.Credential, response, body), cancellationToken)
            .ConfigureAwait(false);
        if (data.Session is not { Length: > 0 } session || data.CpSecurityToken is not { Length: > 0 } token || data.Url is not { Length: > 0 } loginUrl)
        {
            throw new CpanelProtocolException(Server.Name, CreateUserSessionFunction, "result 1 without session, cp_security_token or url.");
        }

        var expires = data.Expires is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix) : _timeProvider.GetUtcNow() + UapiSessionLifetime;
        var minted = new MintedSession(Server, CreateUserSessionFunction, request.Service, request.User, token, new SensitiveString(session),
            null, expires, data.Locale, new SensitiveString(loginUrl));
        CpanelLog.Minted(_logger, CreateUserSessionFunction, Server.Name, minted.Service, minted.User, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return minted;
    }

    /// <summary>WHM API 1 <c>getdomainowner</c>: the cPanel account that owns <paramref name="domain"/>.</summary>
    /// <returns>The owner, or null when the domain is not on the server or the credential's user does not own its account.</returns>
    /// <exception cref="ArgumentException">The domain is empty.</exception>
    /// <exception cref="InvalidOperationException">The client's credential is not a WHM credential.</exception>
    /// <exception cref="CpanelException">The call failed (see its subclasses).</exception>
    public async Task<string?> GetDomainOwnerAsync(string domain, CancellationToken cancellationToken = default)
    {
        RequireText(domain, "domain");
        var data = await SendWhmAsync(GetDomainOwnerFunction, $"domain={CpanelUriEncoding.Encode(domain)}", cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(data.User) ? null : data.User;
    }

    /// <summary>WHM API 1 <c>accountsummary</c>: whether the cPanel account <paramref name="user"/> is suspended.</summary>
    /// <exception cref="ArgumentException">The user is empty.</exception>
    /// <exception cref="InvalidOperationException">The client's credential is not a WHM credential.</exception>
    /// <exception cref="CpanelApiException">WHM refused, e.g. no such account (or not the credential's).</exception>
    /// <exception cref="CpanelException">The call failed otherwise (see its subclasses).</exception>
    public async Task<CpanelAccountStatus> GetAccountSummaryAsync(string user, CancellationToken cancellationToken = default)
    {
        RequireText(user, "user");
        var data = await SendWhmAsync(AccountSummaryFunction, $"user={CpanelUriEncoding.Encode(user)}", cancellationToken).ConfigureAwait(false);
        if (data.Acct is not [{ } account, ..])
        {
            throw new CpanelProtocolException(Server.Name, AccountSummaryFunction, "result 1 without data.acct.");
        }

        return new CpanelAccountStatus(account.User ?? user, account.Suspended == 1);
    }

    /// <summary>The mailboxes of the cPanel account <paramref name="cpanelUser"/>: WHM API 1 <c>uapi_cpanel</c> running UAPI
    /// <c>Email::list_pops</c> (<c>skip_main=1</c>) as that account.</summary>
    /// <exception cref="ArgumentException">The user is empty.</exception>
    /// <exception cref="InvalidOperationException">The client's credential is not a WHM credential.</exception>
    /// <exception cref="CpanelApiException">WHM or the UAPI function refused.</exception>
    /// <exception cref="CpanelException">The call failed otherwise (see its subclasses).</exception>
    public async Task<IReadOnlyList<CpanelMailboxStatus>> ListMailboxesAsync(string cpanelUser, CancellationToken cancellationToken = default)
    {
        RequireText(cpanelUser, "cpanelUser");
        var data = await SendWhmAsync(UapiCpanelFunction,
            $"cpanel.user={CpanelUriEncoding.Encode(cpanelUser)}&cpanel.module=Email&cpanel.function=list_pops&skip_main=1", cancellationToken)
            .ConfigureAwait(false);
        if (data.Uapi is not { Status: { } status } uapi)
        {
            throw new CpanelProtocolException(Server.Name, UapiCpanelFunction, "result 1 without data.uapi.status.");
        }

        if (status != 1)
        {
            throw CpanelResponseReader.UapiRefusal(Server, UapiCpanelFunction, uapi.Errors);
        }

        return [.. (uapi.Data ?? []).Where(p => !string.IsNullOrEmpty(p.Email ?? p.Login))
            .Select(p => new CpanelMailboxStatus((p.Email ?? p.Login)!, p.SuspendedLogin == 1))];
    }

    private async Task<WhmData> SendWhmAsync(string function, string query, CancellationToken cancellationToken)
    {
        if (!Credential.IsWhm)
        {
            throw new InvalidOperationException(
                $"{function} is a WHM API 1 call: give the client for server '{Server.Name}' a WHM token (root or reseller), not a {Credential.Kind}.");
        }

        var url = string.Create(CultureInfo.InvariantCulture, $"https://{UriHost(Server.Host)}:{Server.WhmPort}/json-api/{function}?api.version=1&{query}");
        return await SendAsync(function, new HttpRequestMessage(HttpMethod.Get, url), 0,
            static (client, name, response, body, _) => CpanelResponseReader.ReadWhm(client.Server, name, client.Credential, response, body, requireData: false),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<MintedSession> MintUapiAsync(
        string function, string url, List<KeyValuePair<string, string>>? form, string user, CancellationToken cancellationToken)
    {
        var state = new MintState(user, _timeProvider.GetTimestamp(), _timeProvider.GetUtcNow() + UapiSessionLifetime);
        return SendUapiAsync(function, url, form, state, static (client, function, result, state) =>
        {
            if (result.Data is not { Session: { Length: > 0 } session, Token: { Length: > 0 } token } data)
            {
                throw new CpanelProtocolException(client.Server.Name, function, "status 1 without data.session or data.token.");
            }

            var minted = new MintedSession(client.Server, function, SessionService.Webmail, state.User, token, new SensitiveString(session),
                string.IsNullOrEmpty(data.Hostname) ? null : data.Hostname, state.ExpiresAt, null, null);
            CpanelLog.Minted(client._logger, function, client.Server.Name, minted.Service, minted.User,
                (long)client._timeProvider.GetElapsedTime(state.Started).TotalMilliseconds);
            return minted;
        }, cancellationToken);
    }

    private readonly record struct MintState(string User, long Started, DateTimeOffset ExpiresAt);

    private string UapiUrl(string function) =>
        string.Create(CultureInfo.InvariantCulture, $"https://{UriHost(Server.Host)}:{Server.CpanelPort}/execute/{Module}/{function}");

    private Task<T> SendUapiAsync<TState, T>(
        string function, string url, List<KeyValuePair<string, string>>? form, TState state,
        Func<CpanelClient, string, UapiResult, TState, T> complete, CancellationToken cancellationToken)
    {
        if (Credential.IsWhm)
        {
            throw new InvalidOperationException(
                $"{function} is a UAPI call: give the client for server '{Server.Name}' a cPanel API token or password, not a {Credential.Kind}.");
        }

        var request = form is null
            ? new HttpRequestMessage(HttpMethod.Get, url)
            : new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        return SendAsync(function, request, (state, complete),
            static (client, name, response, body, pair) => pair.complete(client, name,
                CpanelResponseReader.ReadUapi(client.Server, name, client.Credential, response, body), pair.state), cancellationToken);
    }

    /// <summary>Sends <paramref name="request"/> (and disposes it), reads the answer, and maps every failure in one place.</summary>
    private async Task<T> SendAsync<TState, T>(
        string function, HttpRequestMessage request, TState state, Func<CpanelClient, string, HttpResponseMessage, byte[], TState, T> read,
        CancellationToken cancellationToken)
    {
        using var activity = CpanelSessionOpsTelemetry.ActivitySource.StartActivity(function, ActivityKind.Client);
        activity?.SetTag("cpanel.server", Server.Name);
        activity?.SetTag("cpanel.function", function);
        var started = _timeProvider.GetTimestamp();
        var outcome = "success";
        CpanelLog.Calling(_logger, function, Server.Name);
        try
        {
            using var owned = request;
            request.Options.Set(CredentialHandler.CredentialKey, Credential);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return read(this, function, response, body, state);
        }
        catch (Exception ex) when (AsCpanelException(function, ex, cancellationToken) is { } mapped)
        {
            outcome = mapped.ErrorCode;
            activity?.SetStatus(ActivityStatusCode.Error, mapped.ErrorCode);
            CpanelLog.Failed(_logger, function, Server.Name, mapped.ErrorCode, mapped.Message);
            if (ReferenceEquals(mapped, ex))
            {
                throw;
            }

            throw mapped;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            // Tags are put together only when a listener takes the measurements.
            if (CpanelSessionOpsTelemetry.CpanelCalls.Enabled || CpanelSessionOpsTelemetry.CpanelCallDuration.Enabled)
            {
                var tags = new TagList { { "cpanel.server", Server.Name }, { "cpanel.function", function }, { "outcome", outcome } };
                CpanelSessionOpsTelemetry.CpanelCalls.Add(1, tags);
                CpanelSessionOpsTelemetry.CpanelCallDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, tags);
            }
        }
    }

    private CpanelException? AsCpanelException(string function, Exception exception, CancellationToken cancellationToken) =>
        exception as CpanelException ?? CpanelResponseReader.MapException(Server, function, exception, cancellationToken);

    /// <summary><c>&amp;name=value</c>, encoded as cPanel does, or nothing when the value is absent.</summary>
    private static string Optional(string name, string? value) =>
        string.IsNullOrEmpty(value) ? "" : "&" + name + "=" + CpanelUriEncoding.Encode(value);

    private static void RequireText(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is required and cannot be empty.", name);
        }
    }

    internal static string UriHost(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}
