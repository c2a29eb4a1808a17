namespace CpanelSessionOps;

/// <summary>
/// The one base of every failure this library reports: what went wrong as an <see cref="ErrorClass"/> (hosts map it to
/// their answer in one table), whether it was a refusal or a failure, and a stable lowercase <see cref="ErrorCode"/> for
/// audit records, metrics, logs and check results. Messages say what to do and never contain a token, password, session
/// string or login link. The set of subclasses is closed: catch this type to handle every failure of the library.
/// </summary>
public abstract class CpanelSessionOpsException : Exception
{
    private protected CpanelSessionOpsException(ErrorClass errorClass, string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorClass = errorClass;
        ErrorCode = errorCode;
    }

    /// <summary>What went wrong, as hosts answer it.</summary>
    public ErrorClass ErrorClass { get; }

    /// <summary>
    /// True when the request was refused because of what was asked (<see cref="ErrorClass.Validation"/>,
    /// <see cref="ErrorClass.Forbidden"/>, <see cref="ErrorClass.RateLimited"/>): audited as refused. Otherwise a dependency
    /// or the configuration failed: audited as failed.
    /// </summary>
    public bool IsRefusal => ErrorClass is ErrorClass.Validation or ErrorClass.Forbidden or ErrorClass.RateLimited;

    /// <summary>
    /// The stable code written into audit records (<c>AuditRecord.ErrorClass</c>), metrics, logs and check results. It keeps the
    /// values records have always had, so it is finer or coarser than <see cref="ErrorClass"/> in places: <c>validation</c>,
    /// <c>policy</c>, <c>rate-limited</c>, <c>not-managed</c>, <c>secret-notfound</c> (and the other <c>secret-*</c> of
    /// <c>SecretFailure</c>), <c>api</c> (any cPanel refusal, including not found and suspended), <c>authentication</c>,
    /// <c>protocol</c>, <c>transport</c> (including a timeout), <c>audit</c>, <c>unsupported</c>.
    /// </summary>
    public string ErrorCode { get; }
}
