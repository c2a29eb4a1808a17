namespace CpanelSessionOps.Links;

/// <summary>A mint request is invalid; nothing was sent anywhere. <see cref="Errors"/> names each bad field.</summary>
public sealed class MintValidationException : Exception
{
    /// <summary>Creates the exception from per-field errors.</summary>
    public MintValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("The request is invalid: " + string.Join(" ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))))
        => Errors = errors;

    /// <summary>Creates the exception.</summary>
    public MintValidationException()
        : this(new Dictionary<string, string[]>())
    {
    }

    /// <summary>Creates the exception.</summary>
    public MintValidationException(string message)
        : base(message) => Errors = new Dictionary<string, string[]>();

    /// <summary>Creates the exception.</summary>
    public MintValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = new Dictionary<string, string[]>();

    /// <summary>The problems, by field name (<c>target</c>, <c>locale</c>, <c>endUserAddress</c>, <c>correlationId</c>, <c>caller</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
