using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>The client's log events. None carries a secret: no token, password, session string, link or query.</summary>
internal static partial class CpanelLog
{
    [LoggerMessage(1, LogLevel.Debug, "Calling {Function} on cPanel server {Server}")]
    public static partial void Calling(ILogger logger, string function, string server);

    [LoggerMessage(2, LogLevel.Information, "{Function} on cPanel server {Server} minted a {Service} session for {User} in {ElapsedMs} ms")]
    public static partial void Minted(ILogger logger, string function, string server, SessionService service, string user, long elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "{Function} on cPanel server {Server} failed ({ErrorClass}): {Reason}")]
    public static partial void Failed(ILogger logger, string function, string server, string errorClass, string reason);

    [LoggerMessage(4, LogLevel.Information, "Login check of a {Service} session for {User} on {Server}: {Outcome} in {ElapsedMs} ms")]
    public static partial void LoginChecked(ILogger logger, SessionService service, string user, string server, string outcome, long elapsedMs);
}
