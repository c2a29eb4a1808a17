using CpanelSessionOps.Checks;

namespace CpanelSessionOps.Action;

/// <summary>
/// The program's exit codes and the one table from a failure to its code: 0 all passed, 1 a check failed, 2 bad usage or
/// configuration (an option or input that is wrong, a mailbox that is no address, a token that could not be read),
/// 130 stopped by Ctrl-C. Every command answers through here.
/// </summary>
internal static class ExitCodes
{
    public const int Passed = 0;
    public const int CheckFailed = 1;
    public const int BadUsage = 2;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>The one table from a failure's class to the exit code: what the user gave or configured here (a mailbox that is
    /// no address, a token that could not be read) is 2, the rest 1.</summary>
    public static int ForFailure(ErrorClass errorClass) => errorClass switch
    {
        ErrorClass.Validation => BadUsage,
        ErrorClass.CredentialsUnavailable => BadUsage,
        ErrorClass.Forbidden => CheckFailed,
        ErrorClass.RateLimited => CheckFailed,
        ErrorClass.NotManaged => CheckFailed,
        ErrorClass.NotFound => CheckFailed,
        ErrorClass.Suspended => CheckFailed,
        ErrorClass.CpanelRefused => CheckFailed,
        ErrorClass.CpanelAuthentication => CheckFailed,
        ErrorClass.CpanelProtocol => CheckFailed,
        ErrorClass.CpanelTimeout => CheckFailed,
        ErrorClass.CpanelUnavailable => CheckFailed,
        ErrorClass.SharedStateUnavailable => CheckFailed,
        ErrorClass.AuditUnavailable => CheckFailed,
        ErrorClass.NotConfigured => CheckFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(errorClass), errorClass, "An error class without an exit code: give it its row."),
    };

    /// <summary>
    /// 2 when a result shows a usage or configuration problem, otherwise 1 when a check failed (unless fail-on-error is
    /// off), else 0.
    /// </summary>
    public static int ForResults(IReadOnlyList<MailboxCheckResult> results, bool failOnError)
    {
        var failed = false;
        foreach (var result in results)
        {
            if (result.Failure is { } errorClass && ForFailure(errorClass) == BadUsage)
            {
                return BadUsage;
            }

            failed |= !result.Ok;
        }

        return failed && failOnError ? CheckFailed : Passed;
    }
}
