namespace CpanelSessionOps;

/// <summary>
/// The one rule for correlation ids, which tie a request's audit record, logs and answer together: 1 to 128 of letters,
/// digits and <c>- _ . :</c> (safe in headers, logs and table keys). A caller's id is kept when it follows the rule;
/// otherwise a new one is made.
/// </summary>
public static class CorrelationIds
{
    /// <summary>The longest id kept: 128 characters.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule in words, for messages: "1 to 128 letters, digits and - _ . :".</summary>
    public const string Rule = "1 to 128 letters, digits and - _ . :";

    /// <summary>Whether <paramref name="value"/> is usable as a correlation id.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && !value.AsSpan().ContainsAnyExcept(Allowed);

    // Checked on every mint: a vectorised search, no LINQ enumerator.
    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    /// <summary><paramref name="given"/> when it is a usable correlation id, else a new one (32 hex digits).</summary>
    public static string OrNew(string? given) => IsValid(given) ? given! : New();

    // 128 random bits as 32 lower-case hex digits, the shape Guid.NewGuid().ToString("N") gave, from the per-thread generator
    // (seeded from the OS once per thread): a correlation id must be unique, not unpredictable, and the OS random source that
    // Guid.NewGuid calls every time is a system call, which on some hosts costs more than the rest of a mint's own work.
    private static string New()
    {
        Span<byte> bits = stackalloc byte[16];
        Random.Shared.NextBytes(bits);
        return Convert.ToHexStringLower(bits);
    }
}
