using System.ComponentModel.DataAnnotations;

namespace CpanelSessionOps.Cpanel;

/// <summary>Timeouts and retries for calls to cPanel and WHM. Bound from configuration (section <c>Cpanel</c> by
/// convention) and validated at start.</summary>
public sealed class CpanelClientOptions : IValidatableObject
{
    /// <summary>The longest one attempt may take. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a call may take, retries and waits included. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a transport failure, HTTP 5xx or 429 (never after a refusal). Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones double, with jitter. A 429's Retry-After wins. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest a single retry waits, Retry-After included. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a login check (POST and page) may take. Default 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan LoginTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a WHM server's answers about domain owners, accounts and mailboxes are reused by the check that runs
    /// before a mailbox link is minted through WHM. Default 60 seconds; zero checks afresh every time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MailboxCheckCacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TotalTimeout < AttemptTimeout)
        {
            yield return new ValidationResult(
                $"TotalTimeout ({TotalTimeout}) must be at least AttemptTimeout ({AttemptTimeout}).", [nameof(TotalTimeout), nameof(AttemptTimeout)]);
        }
    }
}
