using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Fleet;

/// <summary>
/// The fleet at run time: routes mailbox addresses to servers, builds their credentials from the secret store, and runs
/// calls against them, reading a refused credential's secret again once (it may have been rotated) before giving up.
/// </summary>
public sealed partial class CpanelFleet
{
    private readonly Dictionary<string, ServerEntry> _servers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (ServerEntry Server, string? Owner)> _exact = new(StringComparer.Ordinal);
    private readonly List<(string Suffix, ServerEntry Server, string? Owner)> _wildcards = [];
    private readonly SecretStore _secrets;
    private readonly CpanelClientFactory _clients;
    private readonly ILogger<CpanelFleet> _logger;

    /// <summary>Creates the fleet (normally done by dependency injection) from validated options.</summary>
    public CpanelFleet(IOptions<FleetOptions> options, SecretStore secrets, CpanelClientFactory clients, ILogger<CpanelFleet> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        foreach (var (name, server) in options.Value.Servers)
        {
            var secret = SecretReference.Parse(server.Secret!);
            var totp = server.TotpSecret is { Length: > 0 } t ? SecretReference.Parse(t) : null;
            if (secret.Kind == SecretSourceKind.Inline || totp?.Kind == SecretSourceKind.Inline)
            {
                LogInlineSecret(_logger, name);
            }

            _servers[name] = new ServerEntry(name, new CpanelServer(name, server.Host!)
            {
                CpanelPort = server.CpanelPort,
                WhmPort = server.WhmPort,
                WebmailPort = server.WebmailPort,
                PinnedCertificateSha256 = [.. server.PinnedCertificateSha256],
                CaBundlePath = server.CaBundlePath,
                LoginHost = string.IsNullOrEmpty(server.LoginHost) ? null : server.LoginHost,
            }, server.Auth, server.UserName!, secret, totp);
        }

        foreach (var route in options.Value.Routes)
        {
            var entry = _servers[route.Server!];
            var owner = entry.Auth == FleetAuthKind.WhmToken ? (string.IsNullOrEmpty(route.Owner) ? null : route.Owner) : entry.UserName;
            if (route.Domain == "*")
            {
                _wildcards.Add(("", entry, owner));
            }
            else if (route.Domain!.StartsWith("*.", StringComparison.Ordinal))
            {
                _wildcards.Add(("." + DomainName.ToAscii(route.Domain[2..]), entry, owner));
            }
            else
            {
                _exact[DomainName.ToAscii(route.Domain)!] = (entry, owner);
            }
        }

        _wildcards.Sort((a, b) => b.Suffix.Length.CompareTo(a.Suffix.Length));
    }

    /// <summary>The names of the fleet's servers.</summary>
    public IReadOnlyCollection<string> ServerNames => _servers.Keys;

    /// <summary>The server with that name.</summary>
    /// <exception cref="ArgumentException">No server has that name.</exception>
    public CpanelServer GetServer(string serverName) => Find(serverName).Server;

    /// <summary>Routes a mailbox address (<c>login@domain</c>) to its server. Domains compare case-insensitively, in punycode.</summary>
    /// <exception cref="ArgumentException">The address has no <c>@</c>, an empty part, or an invalid domain.</exception>
    /// <exception cref="DomainNotManagedException">No route matches the domain.</exception>
    public FleetRoute Route(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            throw new ArgumentException("The address must be login@domain.", nameof(address));
        }

        var login = address[..at];
        var given = address[(at + 1)..];
        var domain = DomainName.ToAscii(given) ?? throw new ArgumentException("The address's domain is not a valid domain name.", nameof(address));
        // A canonical domain (as validated minting requests have) comes back as the same string: the address is the route's.
        var routed = ReferenceEquals(domain, given) ? address : login + "@" + domain;
        if (_exact.TryGetValue(domain, out var exact))
        {
            return new FleetRoute(routed, login, domain, exact.Server.Name, exact.Server.Server, exact.Server.Auth, exact.Owner);
        }

        foreach (var (suffix, server, owner) in _wildcards)
        {
            if (suffix.Length == 0 || domain.EndsWith(suffix, StringComparison.Ordinal))
            {
                return new FleetRoute(routed, login, domain, server.Name, server.Server, server.Auth, owner);
            }
        }

        throw new DomainNotManagedException(domain);
    }

    /// <summary>Routes a cPanel user to the server that holds its account: a route naming it as owner, or a cPanel-token
    /// or password server whose user it is.</summary>
    /// <exception cref="CpanelUserNotManagedException">No server is known to hold the account.</exception>
    public FleetRoute RouteUser(string cpanelUser)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cpanelUser);
        var owned = _exact.Values.Concat(_wildcards.Select(w => (w.Server, w.Owner)))
            .FirstOrDefault(r => string.Equals(r.Owner, cpanelUser, StringComparison.Ordinal));
        var server = owned.Server ?? _servers.Values.FirstOrDefault(s => s.Auth != FleetAuthKind.WhmToken && s.UserName == cpanelUser);
        return server is null
            ? throw new CpanelUserNotManagedException(cpanelUser)
            : new FleetRoute(cpanelUser, cpanelUser, "", server.Name, server.Server, server.Auth, cpanelUser);
    }

    /// <summary>The credential for a server, its secret read through the cache.</summary>
    /// <exception cref="ArgumentException">No server has that name.</exception>
    /// <exception cref="SecretStoreException">The secret cannot be read.</exception>
    public async Task<CpanelCredential> GetCredentialAsync(string serverName, CancellationToken cancellationToken = default)
    {
        var entry = Find(serverName);
        var secret = await _secrets.GetSingleLineAsync(entry.Secret, cancellationToken).ConfigureAwait(false);
        switch (entry.Auth)
        {
            case FleetAuthKind.WhmToken:
                return new WhmApiTokenCredential(entry.UserName, secret);
            case FleetAuthKind.CpanelToken:
                return new CpanelApiTokenCredential(entry.UserName, secret);
            default:
                var totp = entry.TotpSecret is null ? null : await _secrets.GetSingleLineAsync(entry.TotpSecret, cancellationToken).ConfigureAwait(false);
                return new CpanelPasswordCredential(entry.UserName, secret, totp is null ? null : TotpCodes.FromBase32Secret(totp));
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> with a client for the route's server. When cPanel refuses the credential, reads the
    /// secret again once; if it changed (rotated), runs the call again with it, otherwise reports the refusal.
    /// </summary>
    /// <exception cref="SecretStoreException">The secret cannot be read.</exception>
    /// <exception cref="CpanelException">The call failed (see its subclasses).</exception>
    public Task<T> ExecuteAsync<T>(FleetRoute route, Func<CpanelClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return ExecuteAsync(route, call, static (client, call, ct) => call(client, ct), cancellationToken);
    }

    /// <summary>As <see cref="ExecuteAsync{T}(FleetRoute, Func{CpanelClient, CancellationToken, Task{T}}, CancellationToken)"/>, with
    /// the call's state passed in, so that a hot caller allocates no closure.</summary>
    internal async Task<T> ExecuteAsync<TState, T>(
        FleetRoute route, TState state, Func<CpanelClient, TState, CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(call);
        var entry = Find(route.ServerName);
        var client = await GetClientAsync(entry, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(client, state, cancellationToken).ConfigureAwait(false);
        }
        catch (CpanelAuthenticationException)
        {
            var (_, changed) = await _secrets.RefreshAsync(entry.Secret, cancellationToken).ConfigureAwait(false);
            if (!changed)
            {
                throw;
            }

            LogRotated(_logger, entry.Name);
        }

        client = await GetClientAsync(entry, cancellationToken).ConfigureAwait(false);
        return await call(client, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A client for the server with its current credential. The last one is reused while the secret values it was built from
    /// are the ones the secret store serves: a rotation, and every re-read after <see cref="SecretStoreOptions.CacheDuration"/>,
    /// builds a new one, so its pooled HTTP handler is renewed at that pace too.
    /// </summary>
    private async ValueTask<CpanelClient> GetClientAsync(ServerEntry entry, CancellationToken cancellationToken)
    {
        var secret = await _secrets.GetSingleLineAsync(entry.Secret, cancellationToken).ConfigureAwait(false);
        var totp = entry.TotpSecret is null ? null : await _secrets.GetSingleLineAsync(entry.TotpSecret, cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref entry.Cached) is { } cached && ReferenceEquals(cached.Secret, secret) && ReferenceEquals(cached.Totp, totp))
        {
            return cached.Client;
        }

        CpanelCredential credential = entry.Auth switch
        {
            FleetAuthKind.WhmToken => new WhmApiTokenCredential(entry.UserName, secret),
            FleetAuthKind.CpanelToken => new CpanelApiTokenCredential(entry.UserName, secret),
            _ => new CpanelPasswordCredential(entry.UserName, secret, totp is null ? null : TotpCodes.FromBase32Secret(totp)),
        };
        var client = _clients.CreateClient(entry.Server, credential);
        Volatile.Write(ref entry.Cached, new CachedClient(secret, totp, client));
        return client;
    }

    private ServerEntry Find(string serverName) =>
        _servers.TryGetValue(serverName, out var entry)
            ? entry
            : throw new ArgumentException($"No server named “{serverName}” in Fleet:Servers.", nameof(serverName));

    [LoggerMessage(1, LogLevel.Warning, "Server {Server} has an inline secret in its configuration: for local development only; use keyvault: or env: elsewhere")]
    private static partial void LogInlineSecret(ILogger logger, string server);

    [LoggerMessage(2, LogLevel.Information, "cPanel refused the credential of server {Server}; its secret had been rotated, trying once with the new one")]
    private static partial void LogRotated(ILogger logger, string server);

    private sealed record ServerEntry(string Name, CpanelServer Server, FleetAuthKind Auth, string UserName, SecretReference Secret, SecretReference? TotpSecret)
    {
        /// <summary>The last client built, with the secret values it was built from.</summary>
        public CachedClient? Cached;
    }

    private sealed record CachedClient(SensitiveString Secret, SensitiveString? Totp, CpanelClient Client);
}
