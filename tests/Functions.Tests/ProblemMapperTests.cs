using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;
using ProblemMapper = CpanelSessionOps.AspNetCore.Internal.ProblemMapper;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The HTTP API's one table from an error class to its problem.</summary>
public sealed class ProblemMapperTests
{
    private static readonly Dictionary<string, string> NoFieldNames = [];

    /// <summary>Every error class, with the problem type, status and Retry-After the API has always answered it with.</summary>
    public static TheoryData<ErrorClass, string, int, int?> Table => new()
    {
        { ErrorClass.Validation, "validation", 400, null },
        { ErrorClass.Forbidden, "forbidden", 403, null },
        { ErrorClass.RateLimited, "rate-limited", 429, 60 },
        { ErrorClass.NotManaged, "not-managed", 404, null },
        { ErrorClass.NotFound, "not-found", 404, null },
        { ErrorClass.Suspended, "suspended", 409, null },
        { ErrorClass.CpanelRefused, "cpanel-refused", 502, null },
        { ErrorClass.CpanelAuthentication, "cpanel-refused", 502, null },
        { ErrorClass.CpanelProtocol, "cpanel-refused", 502, null },
        { ErrorClass.CpanelTimeout, "cpanel-timeout", 504, null },
        { ErrorClass.CpanelUnavailable, "cpanel-unavailable", 503, 30 },
        { ErrorClass.CredentialsUnavailable, "credentials-unavailable", 503, 30 },
        { ErrorClass.SharedStateUnavailable, "shared-state-unavailable", 503, 30 },
        { ErrorClass.AuditUnavailable, "audit-unavailable", 503, 30 },
        { ErrorClass.NotConfigured, "not-configured", 503, null },
    };

    [Fact]
    public void Table_HasExactlyOneRowPerErrorClass()
    {
        // The switch cannot hold two rows for one class (the compiler refuses a subsumed arm); each class must have one.
        Assert.Equal(Enum.GetValues<ErrorClass>().Order(), Table.Select(row => (ErrorClass)row[0]).Order());
        Assert.All(Enum.GetValues<ErrorClass>(), c => Assert.NotNull(ProblemMapper.ForClass(c, "detail", "corr")));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void ForClass_AnswersTheProblemTheApiHasAlwaysGiven(ErrorClass errorClass, string type, int status, int? retryAfter)
    {
        var problem = ProblemMapper.ForClass(errorClass, "what to do.", "corr-1");

        Assert.Equal((ProblemMapper.TypePrefix + type, status, retryAfter, "corr-1"), (problem.Type, problem.Status, problem.RetryAfterSeconds, problem.CorrelationId));
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
    }

    [Fact]
    public void FromException_UnmanagedCpanelUser_IsNotManagedLikeAnUnmanagedDomain()
    {
        var user = ProblemMapper.FromException(new CpanelUserNotManagedException("ghost"), "corr", NoFieldNames)!;
        var domain = ProblemMapper.FromException(new DomainNotManagedException("example.net"), "corr", NoFieldNames)!;

        Assert.Equal((ProblemMapper.TypePrefix + "not-managed", 404), (user.Type, user.Status));
        Assert.Equal((domain.Type, domain.Status, domain.Title), (user.Type, user.Status, user.Title));
        Assert.Contains("ghost", user.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void FromException_ServerWithoutWhmToken_IsNotConfigured()
    {
        var problem = ProblemMapper.FromException(new ServerNotConfiguredException("web2", "give it a WHM token (Auth: WhmToken)."), "corr", NoFieldNames)!;

        Assert.Equal((ProblemMapper.TypePrefix + "not-configured", 503, "The fleet is not configured for this."), (problem.Type, problem.Status, problem.Title));
    }

    [Fact]
    public void FromException_RateLimited_CarriesTheLimitersRetryAfter()
    {
        var problem = ProblemMapper.FromException(new MintRefusedException(RefusalReason.RateLimited, "slow down.", TimeSpan.FromSeconds(7.2)), "corr", NoFieldNames)!;

        Assert.Equal((429, (int?)8), (problem.Status, problem.RetryAfterSeconds));
    }

    [Fact]
    public void FromException_Validation_NamesTheFieldsInTheApisWords()
    {
        var failure = new MintValidationException(new Dictionary<string, string[]> { ["target"] = ["is required."] });

        var problem = ProblemMapper.FromException(failure, "corr", new Dictionary<string, string> { ["target"] = "email" })!;

        Assert.Equal(["is required."], problem.Errors!["email"]);
    }

    [Fact]
    public void FromException_NotALibraryFailure_IsNotMapped()
    {
        Assert.Null(ProblemMapper.FromException(new InvalidOperationException("bug"), "corr", NoFieldNames));
        Assert.Null(ProblemMapper.FromException(new NotSupportedException("not ours"), "corr", NoFieldNames));
    }
}
