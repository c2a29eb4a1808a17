namespace CpanelSessionOps.Emulator.State;

/// <summary>
/// What the emulator knows of a session it minted. The session string itself is not part of this view: it is a
/// bearer secret and stays inside the emulator.
/// </summary>
/// <param name="User">Whose session it is: a cPanel user, a WHM user, or a mailbox address.</param>
/// <param name="Service">The service the session logs in to.</param>
/// <param name="SecurityToken">The <c>/cpsessNNNNNNNNNN</c> token of the session.</param>
/// <param name="Origin">The function that minted it (the session string's tag).</param>
/// <param name="Locale">The session's locale.</param>
/// <param name="RemoteAddress">The client address recorded as the session's origin.</param>
/// <param name="CreatedAt">When it was minted, by the emulator's clock.</param>
/// <param name="ExpiresAt">When it stops being usable for a first login.</param>
/// <param name="Used">Whether it has been used to log in (a session logs in once).</param>
public sealed record EmulatedSession(
    string User,
    EmulatedSessionService Service,
    string SecurityToken,
    string Origin,
    string Locale,
    string RemoteAddress,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    bool Used);
