using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>How a request proved who it is.</summary>
internal enum AuthMethod
{
    ApiToken,
    Password,

    /// <summary>A browser session cookie: the only way <c>create_temp_user</c> acts.</summary>
    Session,
}

/// <summary>Who a request authenticated as: a cPanel account on the cPanel port, a WHM user on the WHM port.</summary>
internal sealed record Caller(string User, AuthMethod Method, SeedAccount? Account, SeedWhmUser? WhmUser, State.LoggedInSession? BrowserSession = null);

/// <summary>Why authentication failed; each answers in the shape a real server uses.</summary>
internal enum AuthFailure
{
    None,

    /// <summary>No credentials, garbled ones, or a refused password: a password-login failure.</summary>
    Password,

    /// <summary>An API token that is unknown, expired, for another user or of the wrong kind.</summary>
    Token,
}
