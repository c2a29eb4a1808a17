using System.Diagnostics;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Diagnostics;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links.Internal;
using CpanelSessionOps.Policy;

namespace CpanelSessionOps.Links;

/// <summary>
/// The one way the product mints a login link, whatever the channel: validate, authorize (policy, then rate limits),
/// route, fetch the credential, call cPanel, and record one audit entry per attempt. The link stays inside the result.
/// </summary>
public sealed class LinkMintingService : ILinkMinter
{
    private readonly CpanelFleet fleet;
    private readonly MintPolicy policy;
    private readonly MintRateLimiter rateLimiter;
    private readonly AuditTrail audit;
    private readonly TimeProvider timeProvider;
    private readonly WhmMailboxCheck _mailboxCheck;

    internal LinkMintingService(
        CpanelFleet fleet, MintPolicy policy, MintRateLimiter rateLimiter, AuditTrail audit, TimeProvider timeProvider,
        Microsoft.Extensions.Options.IOptions<CpanelClientOptions> cpanelOptions)
    {
        this.fleet = fleet;
        this.policy = policy;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.timeProvider = timeProvider;
        _mailboxCheck = new(cpanelOptions, timeProvider);
    }

    /// <summary>Mints a login link for <paramref name="request"/>. Every refusal and failure is a
    /// <see cref="CpanelSessionOpsException"/> (catch it and answer by its <see cref="CpanelSessionOpsException.ErrorClass"/>),
    /// audited with its <see cref="CpanelSessionOpsException.ErrorCode"/>; the caller's cancellation is audited as <c>cancelled</c>.</summary>
    /// <exception cref="MintValidationException">The request is invalid (per-field errors); nothing was sent.</exception>
    /// <exception cref="MintRefusedException">Policy or a rate limit refused it; nothing was sent.</exception>
    /// <exception cref="DomainNotManagedException">No server of the fleet holds the target mailbox's domain.</exception>
    /// <exception cref="CpanelUserNotManagedException">No server of the fleet holds the target cPanel user.</exception>
    /// <exception cref="SecretStoreException">The server's credential could not be read.</exception>
    /// <exception cref="CpanelException">cPanel refused or could not be reached (see the subclasses). A mailbox that does not
    /// exist is <see cref="ErrorClass.NotFound"/>, a suspended one (its logins or its account) <see cref="ErrorClass.Suspended"/>,
    /// on WHM servers (checked before minting) as on UAPI ones.</exception>
    /// <exception cref="ServerNotConfiguredException">A cPanel login was asked of a server that has no WHM token.</exception>
    /// <exception cref="SharedState.SharedStateUnavailableException">The shared rate-limit table could not be reached and fails closed; nothing was sent.</exception>
    /// <exception cref="AuditUnavailableException">The audit record could not be stored and audit fails closed; no link was handed out.</exception>
    public async Task<MintedLink> MintAsync(MintRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = CpanelSessionOpsTelemetry.ActivitySource.StartActivity("mint link");
        var started = timeProvider.GetTimestamp();
        // Before validation, so even an invalid request's audit record has a usable id.
        var correlationId = CorrelationIds.OrNew(request.CorrelationId);
        var target = ForAudit(request.Target);
        string? server = null;
        try
        {
            using (CpanelSessionOpsTelemetry.ActivitySource.StartActivity("validate"))
            {
                (target, correlationId) = MintRequestValidator.Validate(request, correlationId);
            }

            activity?.SetTag("correlation.id", correlationId);
            using (CpanelSessionOpsTelemetry.ActivitySource.StartActivity("authorize"))
            {
                policy.Authorize(request.Caller, request.Kind, request.Channel, target);
                await rateLimiter.AcquireAsync(request.Caller.CanonicalKey, target, cancellationToken).ConfigureAwait(false);
            }

            var route = request.Kind == LoginKind.Webmail ? fleet.Route(target) : fleet.RouteUser(target);
            server = route.ServerName;
            var session = await fleet.ExecuteAsync(route, (Service: this, Route: route, Request: request),
                static (client, state, ct) => state.Service.MintOnServerAsync(client, state.Route, state.Request, ct), cancellationToken).ConfigureAwait(false);
            var link = new MintedLink(session, request.Kind, correlationId);
            var failure = await RecordAsync(request, target, server, AuditOutcome.Minted, null, correlationId, started).ConfigureAwait(false);
            if (failure is not null && audit.FailureMode == AuditFailureMode.FailClosed)
            {
                throw new AuditUnavailableException(
                    "The audit record could not be stored, so no link was handed out (Audit:FailureMode is FailClosed). Check the audit table's availability.", failure);
            }

            if (CpanelSessionOpsTelemetry.LinksMinted.Enabled)
            {
                CpanelSessionOpsTelemetry.LinksMinted.Add(1, new TagList { { "kind", request.Kind.ToString() }, { "channel", request.Channel.ToString() } });
            }

            return link;
        }
        catch (CpanelSessionOpsException ex) when (ex is not AuditUnavailableException)
        {
            // The audit trail itself failed closed above: that attempt is already recorded.
            await RecordFailureAsync(request, target, server, ex.ErrorCode, ex.IsRefusal, correlationId, started, activity).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException)
        {
            await RecordFailureAsync(request, target, server, "cancelled", refused: false, correlationId, started, activity).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (CpanelSessionOpsTelemetry.MintDuration.Enabled)
            {
                CpanelSessionOpsTelemetry.MintDuration.Record(timeProvider.GetElapsedTime(started).TotalSeconds);
            }
        }
    }

    // Not async itself: the client's task is handed on as it is (one state machine fewer per mint); only the mailbox check awaits.
    private Task<MintedSession> MintOnServerAsync(CpanelClient client, FleetRoute route, MintRequest request, CancellationToken cancellationToken)
    {
        if (route.Auth == FleetAuthKind.WhmToken)
        {
            var service = request.Kind == LoginKind.Webmail ? SessionService.Webmail : SessionService.Cpanel;
            var session = new UserSessionRequest(route.Address, service) { Locale = request.Locale };
            // WHM mints for any address on its domains; a link for a missing or suspended mailbox could not log in.
            return service == SessionService.Webmail && !request.SkipMailboxCheck
                ? CheckMailboxThenMintAsync(client, route, session, cancellationToken)
                : client.CreateUserSessionAsync(session, cancellationToken);
        }

        if (request.Kind == LoginKind.Cpanel)
        {
            return Task.FromException<MintedSession>(new ServerNotConfiguredException(route.ServerName,
                $"Server '{route.ServerName}' authenticates with a cPanel account credential, which cannot mint cPanel logins; give it a WHM token (Auth: WhmToken)."));
        }

        return client.CreateWebmailSessionForMailUserAsync(
            new MailUserSessionRequest(route.Login, route.Domain) { Locale = request.Locale, RemoteAddress = request.EndUserAddress }, cancellationToken);
    }

    private async Task<MintedSession> CheckMailboxThenMintAsync(CpanelClient client, FleetRoute route, UserSessionRequest session, CancellationToken cancellationToken)
    {
        using (CpanelSessionOpsTelemetry.ActivitySource.StartActivity("mailbox check"))
        {
            await _mailboxCheck.EnsureCanLogInAsync(client, route, cancellationToken).ConfigureAwait(false);
        }

        return await client.CreateUserSessionAsync(session, cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordFailureAsync(
        MintRequest request, string target, string? server, string errorCode, bool refused, string correlationId, long started, Activity? activity)
    {
        activity?.SetStatus(ActivityStatusCode.Error, errorCode);
        if (refused)
        {
            CpanelSessionOpsTelemetry.LinksRefused.Add(1, new TagList { { "reason", errorCode } });
        }
        else
        {
            CpanelSessionOpsTelemetry.LinksFailed.Add(1, new TagList { { "error.class", errorCode } });
        }

        await RecordAsync(request, target, server, refused ? AuditOutcome.Refused : AuditOutcome.Failed, errorCode, correlationId, started).ConfigureAwait(false);
    }

    private async Task<Exception?> RecordAsync(
        MintRequest request, string target, string? server, AuditOutcome outcome, string? errorClass, string correlationId, long started)
    {
        var caller = request.Caller is null ? "unknown" : ForAudit(request.Caller.ToString());
        var endUser = request.EndUserAddress is null ? null : ForAudit(request.EndUserAddress);
        var record = new AuditRecord(timeProvider.GetUtcNow(), caller, request.Channel, request.Kind, target, server, outcome, errorClass,
            endUser, correlationId, timeProvider.GetElapsedTime(started));

        // The record is written even when the caller has gone: an attempt is audited whatever happens to the request.
        using var activity = CpanelSessionOpsTelemetry.ActivitySource.StartActivity("audit");
        return await audit.RecordAsync(record, CancellationToken.None).ConfigureAwait(false);
    }

    // Untrusted input goes into audit records as given, but bounded and without characters that forge what a reader sees.
    private static string ForAudit(string? value) => UntrustedText.Neutralise(value);
}
