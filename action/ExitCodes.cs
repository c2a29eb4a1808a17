using CpanelSessionOps.Checks;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Links;

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

    /// <summary>The exit code of one failure, by its error class: what the user gave or configured is 2, the rest 1.</summary>
    public static int ForFailure(string errorClass) => errorClass switch
    {
        "validation" => BadUsage,
        _ when errorClass.StartsWith("secret-", StringComparison.Ordinal) => BadUsage,
        _ => CheckFailed,
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
            if (result.ErrorClass is { } errorClass && ForFailure(errorClass) == BadUsage)
            {
                return BadUsage;
            }

            failed |= !result.Ok;
        }

        return failed && failOnError ? CheckFailed : Passed;
    }

    /// <summary>The error class of a failed mint, as the check's results name it; null for anything unexpected (let it surface).</summary>
    public static string? ErrorClassOf(Exception exception) => exception switch
    {
        MintValidationException => "validation",
        Policy.MintRefusedException => "policy",
        Fleet.DomainNotManagedException => "not-managed",
        SecretStoreException secret => secret.ErrorClass,
        Cpanel.CpanelException cpanel => cpanel.ErrorClass,
        _ => null,
    };
}
