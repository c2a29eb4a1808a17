namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>Why authentication failed; each answers in the shape a real server uses.</summary>
internal enum AuthFailure
{
    None,

    /// <summary>No credentials, garbled ones, or a refused password: a password-login failure.</summary>
    Password,

    /// <summary>An API token that is unknown, expired, for another user or of the wrong kind.</summary>
    Token,
}
