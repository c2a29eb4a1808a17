using System.Diagnostics;

namespace CpanelSessionOps.Cpanel;

/// <summary>
/// A secret (a session string, a login link, a password) that never shows itself by accident: <see cref="ToString"/>
/// and the debugger display say <c>[redacted]</c>. Call <see cref="Reveal"/> where the value must be used.
/// </summary>
[DebuggerDisplay("[redacted]")]
public sealed class SensitiveString : IEquatable<SensitiveString>
{
    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public SensitiveString(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The secret itself. Do not log it, print it or put it in an exception message.</summary>
    public string Reveal() => _value;

    /// <summary>Always <c>[redacted]</c>.</summary>
    public override string ToString() => "[redacted]";

    /// <inheritdoc />
    public bool Equals(SensitiveString? other) =>
        other is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(_value), System.Text.Encoding.UTF8.GetBytes(other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SensitiveString other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => 0;
}
