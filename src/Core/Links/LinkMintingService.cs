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

    /// <summary>Mints a login link for <paramref name="request"/>.</summary>
    /// <exception cref="MintValidationException">The request is invalid (per-field errors); nothing was sent.</exception>
    /// <exception cref="MintRefusedException">Policy or a rate limit refused it; nothing was sent.</exception>
    /// <exception cref="DomainNotManagedException">No server of the fleet holds the target.</exception>
    /// <exception cref="SecretStoreException">The server's credential could not be read.</exception>
    /// <exception cref="CpanelException">cPanel refused or could not be reached (see the subclasses). A mailbox that does not
    /// exist is <see cref="CpanelErrorKind.UserNotFound"/>, a suspended one (its logins or its account)
    /// <see cref="CpanelErrorKind.Suspended"/>, on WHM servers (checked before minting) as on UAPI ones.</exception>
    /// <exception cref="NotSupportedException">A cPanel login was asked of a server that has no WHM token.</exception>
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

            CpanelSessionOpsTelemetry.LinksMinted.Add(1, new TagList { { "kind", request.Kind.ToString() }, { "channel", request.Channel.ToString() } });
            return link;
        }
        catch (Exception ex) when (ex is not AuditUnavailableException && Classify(ex) is { } classified)
        {
            activity?.SetStatus(ActivityStatusCode.Error, classified.ErrorClass);
            if (classified.Refused)
            {
                CpanelSessionOpsTelemetry.LinksRefused.Add(1, new TagList { { "reason", classified.ErrorClass } });
            }
            else
            {
                CpanelSessionOpsTelemetry.LinksFailed.Add(1, new TagList { { "error.class", classified.ErrorClass } });
            }

            await RecordAsync(request, target, server, classified.Refused ? AuditOutcome.Refused : AuditOutcome.Failed, classified.ErrorClass,
                correlationId, started).ConfigureAwait(false);
            throw;
        }
        finally
        {
            CpanelSessionOpsTelemetry.MintDuration.Record(timeProvider.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<MintedSession> MintOnServerAsync(CpanelClient client, FleetRoute route, MintRequest request, CancellationToken cancellationToken)
    {
        if (route.Auth == FleetAuthKind.WhmToken)
        {
            var service = request.Kind == LoginKind.Webmail ? SessionService.Webmail : SessionService.Cpanel;
            if (service == SessionService.Webmail && !request.SkipMailboxCheck)
            {
                // WHM mints for any address on its domains; a link for a missing or suspended mailbox could not log in.
                using (CpanelSessionOpsTelemetry.ActivitySource.StartActivity("mailbox check"))
                {
                    await _mailboxCheck.EnsureCanLogInAsync(client, route, cancellationToken).ConfigureAwait(false);
                }
            }

            return await client.CreateUserSessionAsync(new UserSessionRequest(route.Address, service) { Locale = request.Locale }, cancellationToken)
                .ConfigureAwait(false);
        }

        if (request.Kind == LoginKind.Cpanel)
        {
            throw new NotSupportedException(
                $"Server '{route.ServerName}' authenticates with a cPanel account credential, which cannot mint cPanel logins; give it a WHM token (Auth: WhmToken).");
        }

        return await client.CreateWebmailSessionForMailUserAsync(
            new MailUserSessionRequest(route.Login, route.Domain) { Locale = request.Locale, RemoteAddress = request.EndUserAddress }, cancellationToken)
            .ConfigureAwait(false);
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

    /// <summary>The stable error class of what <see cref="MintAsync"/> throws, and whether it was a refusal; null for anything else.</summary>
    internal static (string ErrorClass, bool Refused)? Classify(Exception exception) => exception switch
    {
        MintValidationException => ("validation", true),
        MintRefusedException { Reason: RefusalReason.RateLimited } => ("rate-limited", true),
        MintRefusedException => ("policy", true),
        DomainNotManagedException => ("not-managed", false),
        SecretStoreException secret => (secret.ErrorClass, false),
        CpanelException cpanel => (cpanel.ErrorClass, false),
        NotSupportedException => ("unsupported", false),
        AuditUnavailableException => ("audit", false),
        SharedState.SharedStateUnavailableException => (SharedState.SharedStateUnavailableException.Class, false),
        OperationCanceledException => ("cancelled", false),
        _ => null,
    };

    // Untrusted input goes into audit records as given, but bounded and without characters that forge what a reader sees.
    private static string ForAudit(string? value) => UntrustedText.Neutralise(value);
}
