using System.Reflection;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;
using CpanelSessionOps.SharedState;

namespace CpanelSessionOps.Core.Tests;

/// <summary>The failure model: one base type, a class hosts answer by, and the codes audit records have always carried.</summary>
public sealed class CpanelSessionOpsExceptionTests
{
    /// <summary>One of each failure the library throws, with the class, audit code and refusal flag it must carry.</summary>
    public static TheoryData<CpanelSessionOpsException, ErrorClass, string, bool> Failures => new()
    {
        { new MintValidationException(new Dictionary<string, string[]> { ["target"] = ["is required."] }), ErrorClass.Validation, "validation", true },
        { new MintRefusedException(RefusalReason.Policy, "no rule grants it."), ErrorClass.Forbidden, "policy", true },
        { new MintRefusedException(RefusalReason.RateLimited, "slow down.", TimeSpan.FromSeconds(5)), ErrorClass.RateLimited, "rate-limited", true },
        { new DomainNotManagedException("example.net"), ErrorClass.NotManaged, "not-managed", false },
        { new CpanelUserNotManagedException("ghost"), ErrorClass.NotManaged, "not-managed", false },
        { new CpanelApiException("web1", "f", ["x"], CpanelErrorKind.UserNotFound, "UserNotFound"), ErrorClass.NotFound, "api", false },
        { new CpanelApiException("web1", "f", "no such mailbox.", CpanelErrorKind.UserNotFound), ErrorClass.NotFound, "api", false },
        { new CpanelApiException("web1", "f", ["x"], CpanelErrorKind.Suspended, null), ErrorClass.Suspended, "api", false },
        { new CpanelApiException("web1", "f", ["x"], CpanelErrorKind.BadPassword, "BadPassword"), ErrorClass.CpanelRefused, "api", false },
        { new CpanelApiException("web1", "f", ["x"], CpanelErrorKind.Unspecified, null), ErrorClass.CpanelRefused, "api", false },
        { new CpanelAuthenticationException("web1", "f", 401, loginPage: false, "WHM token"), ErrorClass.CpanelAuthentication, "authentication", false },
        { new CpanelProtocolException("web1", "f", "not JSON."), ErrorClass.CpanelProtocol, "protocol", false },
        { new CpanelTransportException("web1", "f", CpanelTransportFailure.Timeout, null, "no answer."), ErrorClass.CpanelTimeout, "transport", false },
        { new CpanelTransportException("web1", "f", CpanelTransportFailure.Tls, null, "untrusted."), ErrorClass.CpanelUnavailable, "transport", false },
        { new CpanelTransportException("web1", "f", CpanelTransportFailure.Throttled, 429, "429."), ErrorClass.CpanelUnavailable, "transport", false },
        { new SecretStoreException(SecretFailure.NotFound, "missing."), ErrorClass.CredentialsUnavailable, "secret-notfound", false },
        { new SecretStoreException(SecretFailure.PermissionDenied, "denied."), ErrorClass.CredentialsUnavailable, "secret-permissiondenied", false },
        { new SecretStoreException(SecretFailure.Unreachable, "down."), ErrorClass.CredentialsUnavailable, "secret-unreachable", false },
        { new SecretStoreException(SecretFailure.Throttled, "429."), ErrorClass.CredentialsUnavailable, "secret-throttled", false },
        { new SecretStoreException(SecretFailure.Misconfigured, "no vault."), ErrorClass.CredentialsUnavailable, "secret-misconfigured", false },
        { new AuditUnavailableException("audit table down.", new IOException("sink")), ErrorClass.AuditUnavailable, "audit", false },
        { new SharedStateUnavailableException("rate-limit table down.", new IOException("table")), ErrorClass.SharedStateUnavailable, "shared-state", false },
        { new ServerNotConfiguredException("web1-other", "needs a WHM token."), ErrorClass.NotConfigured, "unsupported", false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Failure_CarriesItsClassAndTheAuditCodeRecordsHaveAlwaysHad(CpanelSessionOpsException failure, ErrorClass errorClass, string code, bool refusal)
    {
        Assert.Equal((errorClass, code, refusal), (failure.ErrorClass, failure.ErrorCode, failure.IsRefusal));
    }

    [Fact]
    public void Failures_CoverEveryErrorClass()
    {
        var covered = Failures.Select(row => (ErrorClass)row[1]).ToHashSet();

        Assert.Equal(Enum.GetValues<ErrorClass>().Order(), covered.Order());
    }

    [Fact]
    public void EveryExceptionOfTheLibrary_DerivesFromTheOneBase()
    {
        var exceptions = typeof(CpanelSessionOpsException).Assembly.GetTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && t != typeof(CpanelSessionOpsException))
            .ToList();

        Assert.NotEmpty(exceptions);
        Assert.All(exceptions, t => Assert.True(t.IsSubclassOf(typeof(CpanelSessionOpsException)), $"{t} does not derive from CpanelSessionOpsException."));
    }

    [Fact]
    public void Exceptions_OfferOnlyConstructorsThatMakeAValidObject()
    {
        // new SecretStoreException("x") used to report Failure == NotFound, new DomainNotManagedException() the domain "(none)":
        // each exception now has only the constructors that set its class and data; cPanel's are the client's own.
        var expected = new Dictionary<Type, string[]>
        {
            [typeof(CpanelSessionOpsException)] = [],
            [typeof(CpanelException)] = [],
            [typeof(CpanelApiException)] = [],
            [typeof(CpanelAuthenticationException)] = [],
            [typeof(CpanelProtocolException)] = [],
            [typeof(CpanelTransportException)] = [],
            [typeof(MintValidationException)] = ["IReadOnlyDictionary`2"],
            [typeof(MintRefusedException)] = ["RefusalReason, String, Nullable`1"],
            [typeof(DomainNotManagedException)] = ["String"],
            [typeof(CpanelUserNotManagedException)] = ["String"],
            [typeof(SecretStoreException)] = ["SecretFailure, String, Exception"],
            [typeof(AuditUnavailableException)] = ["String, Exception"],
            [typeof(SharedStateUnavailableException)] = ["String, Exception"],
            [typeof(ServerNotConfiguredException)] = ["String, String"],
        };
        var actual = typeof(CpanelSessionOpsException).Assembly.GetTypes()
            .Where(t => typeof(CpanelSessionOpsException).IsAssignableFrom(t))
            .ToDictionary(t => t, t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly)
                .Select(c => string.Join(", ", c.GetParameters().Select(p => p.ParameterType.Name)))
                .Order(StringComparer.Ordinal)
                .ToArray());

        Assert.Equal(expected.Keys.Select(t => t.Name).Order(StringComparer.Ordinal), actual.Keys.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key]));
    }

    [Fact]
    public void AuditUnavailableException_WithoutTheSinksFailure_IsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => new AuditUnavailableException("audit table down.", null!));
    }

    [Fact]
    public void MintValidationException_WithoutAField_IsRefused()
    {
        var exception = Assert.Throws<ArgumentException>(() => new MintValidationException(new Dictionary<string, string[]>()));

        Assert.Equal("errors", exception.ParamName);
    }
}
