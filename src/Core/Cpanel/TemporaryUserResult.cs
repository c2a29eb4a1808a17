namespace CpanelSessionOps.Cpanel;

/// <summary>What <c>create_temp_user</c> answered.</summary>
/// <param name="Created">Whether a temporary user was created (only inside a browser session).</param>
/// <param name="TemporaryUser">The temporary user's name (<c>cpses_...</c>) when one was created.</param>
public sealed record TemporaryUserResult(bool Created, string? TemporaryUser);
