using CpanelSessionOps.Checks;

namespace CpanelSessionOps.Action.Tests;

/// <summary>The program's one table from a failure's class to its exit code.</summary>
public sealed class ExitCodesTests
{
    /// <summary>Every error class and the exit code it has always had: what the user gave or configured is 2, the rest 1.</summary>
    public static TheoryData<ErrorClass, int> Table => new()
    {
        { ErrorClass.Validation, 2 },
        { ErrorClass.CredentialsUnavailable, 2 },
        { ErrorClass.Forbidden, 1 },
        { ErrorClass.RateLimited, 1 },
        { ErrorClass.NotManaged, 1 },
        { ErrorClass.NotFound, 1 },
        { ErrorClass.Suspended, 1 },
        { ErrorClass.CpanelRefused, 1 },
        { ErrorClass.CpanelAuthentication, 1 },
        { ErrorClass.CpanelProtocol, 1 },
        { ErrorClass.CpanelTimeout, 1 },
        { ErrorClass.CpanelUnavailable, 1 },
        { ErrorClass.SharedStateUnavailable, 1 },
        { ErrorClass.AuditUnavailable, 1 },
        { ErrorClass.NotConfigured, 1 },
    };

    [Fact]
    public void Table_HasExactlyOneRowPerErrorClass()
    {
        // The switch cannot hold two rows for one class (the compiler refuses a subsumed arm); each class must have one.
        Assert.Equal(Enum.GetValues<ErrorClass>().Order(), Table.Select(row => (ErrorClass)row[0]).Order());
        Assert.All(Enum.GetValues<ErrorClass>(), c => Assert.InRange(ExitCodes.ForFailure(c), 1, 2));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void ExitCodeFor_AnswersTheCodeTheProgramHasAlwaysGiven(ErrorClass errorClass, int exitCode)
    {
        Assert.Equal(exitCode, ExitCodes.ForFailure(errorClass));
    }

    [Theory]
    [InlineData(ErrorClass.CredentialsUnavailable, "secret-permissiondenied", true, 2)]
    [InlineData(ErrorClass.Validation, "validation", false, 2)]
    [InlineData(ErrorClass.Suspended, "api", true, 1)]
    [InlineData(ErrorClass.Suspended, "api", false, 0)]
    public void ExitCode_OfResults_IsTheWorstFailuresRow(ErrorClass failure, string code, bool failOnError, int exitCode)
    {
        MailboxCheckResult[] results =
        [
            new("alice@example.com", true, TimeSpan.FromMilliseconds(5), null, "opened."),
            new("bob@example.com", false, TimeSpan.FromMilliseconds(5), code, "no.") { Failure = failure },
        ];

        Assert.Equal(exitCode, ExitCodes.ForResults(results, failOnError));
    }

    [Fact]
    public void ExitCode_LoginOrTimeoutFailure_IsACheckFailure()
    {
        MailboxCheckResult[] results = [new("alice@example.com", false, TimeSpan.FromSeconds(20), "timeout", "no result within 20 s.")];

        Assert.Equal(1, ExitCodes.ForResults(results, failOnError: true));
    }
}
