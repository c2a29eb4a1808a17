namespace CpanelSessionOps.Links;

/// <summary>A mint request is invalid; nothing was sent anywhere. <see cref="Errors"/> names each bad field.</summary>
public sealed class MintValidationException : CpanelSessionOpsException
{
    /// <summary>Creates the exception from per-field errors.</summary>
    /// <param name="errors">The problems, by field name; at least one.</param>
    public MintValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(ErrorClass.Validation, "validation", BuildMessage(errors)) => Errors = errors;

    /// <summary>The problems, by field name (<c>target</c>, <c>locale</c>, <c>endUserAddress</c>, <c>correlationId</c>, <c>caller</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string BuildMessage(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? throw new ArgumentException("A validation failure names at least one field.", nameof(errors))
            : "The request is invalid: " + string.Join(" ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}")));
    }
}
